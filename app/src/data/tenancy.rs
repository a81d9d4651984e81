//! Where a request's tenant is decided: a slug (path or subdomain) or a verified custom domain is
//! looked up through the resolver functions, and only an active tenant becomes a
//! `ResolvedTenant` — the one type that can open a `TenantTx`.

use super::db::{Db, TenantTx};
use super::entities::tenant;
use super::tenant_cache::Key;
use crate::model::{
    AssetUrl, Branding, Features, HexColor, PortalMode, TenantSite, TenantSlug, Tier,
};
use sea_orm::{DbBackend, DbErr, EntityTrait, Statement};
use std::sync::Arc;
use uuid::Uuid;

/// Server side, data layer: an active tenant, resolved from the request's host or path — the
/// only thing that can open a `TenantTx`. (Requests carry it in `request::RequestSite`; the
/// browser sees `model::TenantSite`.)
#[derive(Clone, Debug)]
pub struct ResolvedTenant {
    inner: Arc<Record>,
}

#[derive(Debug)]
struct Record {
    id: Uuid,
    slug: String,
    name: String,
    tier: Tier,
    branding: Branding,
    features: Features,
    settings: serde_json::Value,
}

/// The outcome of looking a tenant up.
#[derive(Clone, Debug)]
pub enum Lookup {
    Active(ResolvedTenant),
    Suspended,
    NotFound,
}

/// The tenant with this slug; from the cache when it can be trusted (see `tenant_cache`).
pub async fn by_slug(db: &Db, slug: &TenantSlug) -> Result<Lookup, DbErr> {
    let load = lookup(db, "SELECT * FROM atrium_tenant_by_slug($1)", slug.as_str());
    db.tenants()
        .get_or_load(Key::Slug(slug.as_str().to_owned()), load)
        .await
}

/// The tenant of a verified custom domain. `host` must already be lower-cased and stripped of
/// its port.
pub async fn by_domain(db: &Db, host: &str) -> Result<Lookup, DbErr> {
    let load = lookup(db, "SELECT * FROM atrium_tenant_by_domain($1)", host);
    db.tenants()
        .get_or_load(Key::Domain(host.to_owned()), load)
        .await
}

async fn lookup(db: &Db, sql: &str, key: &str) -> Result<Lookup, DbErr> {
    let row = tenant::Entity::find()
        .from_raw_sql(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [key.into()],
        ))
        .one(db.global())
        .await?;
    Ok(match row {
        None => Lookup::NotFound,
        Some(t) if t.status != "active" => Lookup::Suspended,
        Some(t) => Lookup::Active(ResolvedTenant::from_model(t)),
    })
}

/// Reads a stored colour, falling back to the default if the row somehow holds a bad value:
/// branding is validated again on the way out, not only on the way in.
fn color(stored: &str, fallback: HexColor, tenant: &str) -> HexColor {
    HexColor::parse(stored).unwrap_or_else(|_| {
        tracing::warn!(tenant, value = stored, "invalid stored colour ignored");
        fallback
    })
}

fn asset(stored: Option<&str>, tenant: &str) -> Option<AssetUrl> {
    let stored = stored?;
    AssetUrl::parse(stored)
        .inspect_err(|_| tracing::warn!(tenant, value = stored, "invalid stored asset URL ignored"))
        .ok()
}

impl ResolvedTenant {
    fn from_model(t: tenant::Model) -> Self {
        let defaults = Branding::default();
        let branding = Branding {
            primary: color(&t.primary_color, defaults.primary, &t.slug),
            secondary: color(&t.secondary_color, defaults.secondary, &t.slug),
            accent: color(&t.accent_color, defaults.accent, &t.slug),
            logo: asset(t.logo_url.as_deref(), &t.slug),
            favicon: asset(t.favicon_url.as_deref(), &t.slug),
        };
        Self {
            inner: Arc::new(Record {
                id: t.id,
                tier: Tier::parse(&t.tier).unwrap_or(Tier::Basic),
                features: Features {
                    courses: t.feature_courses,
                    assessments: t.feature_assessments,
                    community: t.feature_community,
                    ecommerce: t.feature_ecommerce,
                },
                branding,
                settings: t.settings,
                name: t.name,
                slug: t.slug,
            }),
        }
    }

    pub fn id(&self) -> Uuid {
        self.inner.id
    }

    pub fn slug(&self) -> &str {
        &self.inner.slug
    }

    pub fn name(&self) -> &str {
        &self.inner.name
    }

    pub fn features(&self) -> Features {
        self.inner.features
    }

    pub fn tier(&self) -> Tier {
        self.inner.tier
    }

    pub fn branding(&self) -> &Branding {
        &self.inner.branding
    }

    /// `settings.branding.tagline`, if set.
    pub fn tagline(&self) -> Option<&str> {
        self.inner
            .settings
            .get("branding")?
            .get("tagline")?
            .as_str()
            .filter(|t| !t.trim().is_empty())
    }

    pub fn settings(&self) -> &serde_json::Value {
        &self.inner.settings
    }

    /// Whether the tenant sells its assessments (`settings.assessments`: "sold"; by default
    /// "open"): quizzes are then for members whose signed plan or paid product includes them.
    pub fn assessments_sold(&self) -> bool {
        self.inner
            .settings
            .get("assessments")
            .and_then(|v| v.as_str())
            == Some("sold")
    }

    /// Whether people may join by signing up (`settings.signup`: "open", the default, or
    /// "invite").
    pub fn signup_open(&self) -> bool {
        self.inner.settings.get("signup").and_then(|v| v.as_str()) != Some("invite")
    }

    /// Sign-ins end after this long without a request (`settings.session.idle_minutes`,
    /// 5 minutes to 30 days, default 7 days).
    pub fn session_idle(&self) -> std::time::Duration {
        let minutes = self
            .session_setting("idle_minutes")
            .unwrap_or(7 * 24 * 60)
            .clamp(5, 30 * 24 * 60);
        std::time::Duration::from_secs(minutes * 60)
    }

    /// How many sessions one person may hold here at once; signing in again ends the oldest
    /// (`settings.session.max_sessions`, 1 to 50, default 5).
    pub fn max_sessions(&self) -> u64 {
        self.session_setting("max_sessions")
            .unwrap_or(5)
            .clamp(1, 50)
    }

    fn session_setting(&self, key: &str) -> Option<u64> {
        self.inner.settings.get("session")?.get(key)?.as_u64()
    }

    /// Opens a transaction in which this tenant, and only this tenant, is visible, for nobody
    /// in particular (the session store, a visitor who is not signed in).
    pub async fn begin(&self, db: &Db) -> Result<TenantTx, DbErr> {
        TenantTx::begin(db, self.inner.id, None).await
    }

    /// Like `begin`, acting for the signed-in person `user`, who may then see their own account
    /// even where they are not a member.
    pub async fn begin_as(&self, db: &Db, user: Option<Uuid>) -> Result<TenantTx, DbErr> {
        TenantTx::begin(db, self.inner.id, user).await
    }

    /// A support session's transaction: acting as the super admin `admin`, recorded as
    /// impersonating, read-only unless `writable`.
    pub async fn begin_support(
        &self,
        db: &Db,
        admin: Uuid,
        writable: bool,
    ) -> Result<TenantTx, DbErr> {
        TenantTx::begin_support(db, self.inner.id, admin, writable).await
    }

    /// The portal as the browser sees it, reached by `mode`.
    pub fn site(&self, mode: PortalMode) -> TenantSite {
        TenantSite {
            slug: self.inner.slug.clone(),
            name: self.inner.name.clone(),
            tier: self.inner.tier,
            branding: self.inner.branding.clone(),
            tagline: self.tagline().map(str::to_owned),
            features: self.inner.features,
            mode,
        }
    }
}
