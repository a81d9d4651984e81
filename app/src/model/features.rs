use serde::{Deserialize, Serialize};

/// A product area a tenant can switch on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    Courses,
    Assessments,
    Community,
    Ecommerce,
}

impl Feature {
    pub fn label(self) -> &'static str {
        match self {
            Feature::Courses => "Courses",
            Feature::Assessments => "Assessments",
            Feature::Community => "Community",
            Feature::Ecommerce => "Shop",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Features {
    pub courses: bool,
    pub assessments: bool,
    pub community: bool,
    pub ecommerce: bool,
}

impl Features {
    pub fn has(&self, feature: Feature) -> bool {
        match feature {
            Feature::Courses => self.courses,
            Feature::Assessments => self.assessments,
            Feature::Community => self.community,
            Feature::Ecommerce => self.ecommerce,
        }
    }

    /// Enabled features in navigation order.
    pub fn enabled(&self) -> impl Iterator<Item = Feature> + '_ {
        [
            Feature::Courses,
            Feature::Assessments,
            Feature::Community,
            Feature::Ecommerce,
        ]
        .into_iter()
        .filter(|f| self.has(*f))
    }
}
