//! The demo organisations, people and courses loaded by `scripts/dev`.

pub const DEMO_PASSWORD: &str = "atrium-demo-2026";
pub const SUPER_ADMIN_EMAIL: &str = "admin@atrium.example";
pub const SHARED_LEARNER_EMAIL: &str = "sam@learner.example";

/// Member levels per demo tenant, lowest first, and the one new members get (seed 002's partner
/// user types).
pub const LEVELS: &[(&str, &[&str], &str)] =
    &[("5q", &["Guest", "Basic", "Advanced", "Company"], "Basic")];

pub struct DemoTenant {
    pub slug: &'static str,
    pub name: &'static str,
    pub tier: &'static str,
    pub colors: [&'static str; 3],
    /// courses, assessments, community, ecommerce
    pub features: [bool; 4],
    pub suspended: bool,
    /// Logo (a bitmap, so certificates print it too) and favicon, bundled asset paths.
    pub logo: Option<(&'static str, &'static str)>,
    pub custom_domain: Option<&'static str>,
    pub people: &'static [DemoPerson],
    pub courses: &'static [DemoCourse],
}

pub struct DemoPerson {
    pub email: &'static str,
    pub name: &'static str,
    pub role: &'static str,
}

pub struct DemoCourse {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub access: &'static str,
    pub published: bool,
    pub price_cents: i32,
    pub modules: &'static [(&'static str, &'static [DemoLesson])],
}

/// (prompt, several answers allowed, options as (label, correct))
pub type DemoQuestion = (&'static str, bool, &'static [(&'static str, bool)]);

pub struct DemoQuiz {
    pub title: &'static str,
    pub passing_score: i32,
    /// Passing it is part of completing the course.
    pub required: bool,
    pub questions: &'static [DemoQuestion],
}

pub struct DemoLesson {
    pub title: &'static str,
    pub points: [&'static str; 3],
}

const fn lesson(title: &'static str, points: [&'static str; 3]) -> DemoLesson {
    DemoLesson { title, points }
}

const fn person(email: &'static str, name: &'static str, role: &'static str) -> DemoPerson {
    DemoPerson { email, name, role }
}

/// A lesson body in Markdown, built from its three key points (the page shows the title).
pub fn lesson_markdown(course: &str, lesson: &DemoLesson) -> String {
    let [a, b, c] = lesson.points;
    format!(
        "This lesson is part of **{course}**. Read it through once, then come \
         back to the questions at the end.\n\n### Key ideas\n\n- {a}\n- {b}\n- {c}\n\n\
         > Learning sticks when you try it the same week. Pick one idea and act on it.\n\n\
         ### Reflect\n\n1. Which of these ideas is already true of your team?\n\
         2. Which one would change the most if you took it seriously?\n"
    )
}

pub const TENANTS: &[DemoTenant] = &[
    DemoTenant {
        slug: "5q",
        name: "5Q Collective",
        tier: "premium",
        colors: ["#1D4A38", "#B2613E", "#E3B23C"],
        features: [true, true, false, true],
        suspended: false,
        logo: Some(("/assets/demo/5q-mark.png", "/assets/demo/5q-mark.svg")),
        custom_domain: Some("learn.5q.example"),
        people: &[
            person("owner@5q.example", "Priya Shah", "owner"),
            person("instructor@5q.example", "Marcus Lee", "instructor"),
            person("learner@5q.example", "Jordan Blake", "member"),
            person(SHARED_LEARNER_EMAIL, "Sam Rivera", "member"),
        ],
        courses: &[
            DemoCourse {
                slug: "the-5q-framework",
                title: "The 5Q Framework",
                summary: "An introduction to the five intelligences every healthy team needs.",
                access: "public",
                published: true,
                price_cents: 0,
                modules: &[
                    (
                        "Getting oriented",
                        &[
                            lesson(
                                "Why five intelligences",
                                [
                                    "Teams thrive when every gift is at the table",
                                    "A missing voice shows up as a recurring blind spot",
                                    "The framework is a mirror, not a box",
                                ],
                            ),
                            lesson(
                                "Reading your own profile",
                                [
                                    "Your strongest gift is not your only gift",
                                    "Energy tells you as much as skill does",
                                    "Ask two colleagues before you decide",
                                ],
                            ),
                        ],
                    ),
                    (
                        "Putting it to work",
                        &[
                            lesson(
                                "Mapping your team",
                                [
                                    "List who carries each intelligence today",
                                    "Look for the quiet gaps, not the loud ones",
                                    "Share the map before you act on it",
                                ],
                            ),
                            lesson(
                                "Your first experiment",
                                [
                                    "Choose one meeting to run differently",
                                    "Invite the missing voice to speak first",
                                    "Review what changed after two weeks",
                                ],
                            ),
                        ],
                    ),
                ],
            },
            DemoCourse {
                slug: "apest-team-dynamics",
                title: "APEST Team Dynamics",
                summary: "Members deepen their practice with case studies and team exercises.",
                access: "members",
                published: true,
                price_cents: 4900,
                modules: &[(
                    "Patterns in teams",
                    &[
                        lesson(
                            "Healthy tension",
                            [
                                "Disagreement is information",
                                "Name the pattern, not the person",
                                "Tension held well becomes momentum",
                            ],
                        ),
                        lesson(
                            "Case study: the stalled launch",
                            [
                                "The plan was good; the conversation was missing",
                                "Who was not consulted, and why",
                                "What a five-voice review would have caught",
                            ],
                        ),
                    ],
                )],
            },
            DemoCourse {
                slug: "facilitator-certification",
                title: "Facilitator Certification",
                summary: "Coming soon: lead 5Q workshops in your own organisation.",
                access: "members",
                published: false,
                price_cents: 19900,
                modules: &[(
                    "Preparing to facilitate",
                    &[lesson(
                        "Before the workshop",
                        [
                            "Know the room before you plan the day",
                            "Send the assessment a week ahead",
                            "Prepare one story of your own",
                        ],
                    )],
                )],
            },
        ],
    },
    DemoTenant {
        slug: "movement-leaders",
        name: "Movement Leaders",
        tier: "premium",
        colors: ["#2563EB", "#DC2626", "#F59E0B"],
        features: [true, false, true, true],
        suspended: false,
        logo: None,
        custom_domain: None,
        people: &[
            person("owner@movement-leaders.example", "Ana Ruiz", "owner"),
            person(
                "instructor@movement-leaders.example",
                "Tom Okafor",
                "instructor",
            ),
            person("learner@movement-leaders.example", "Lena Fischer", "member"),
            person(SHARED_LEARNER_EMAIL, "Sam Rivera", "member"),
        ],
        courses: &[
            DemoCourse {
                slug: "foundations-of-movement-leadership",
                title: "Foundations of Movement Leadership",
                summary: "What makes a movement different from an organisation, and why it matters.",
                access: "public",
                published: true,
                price_cents: 0,
                modules: &[
                    (
                        "Movements and organisations",
                        &[
                            lesson(
                                "Seeds, not structures",
                                [
                                    "Movements spread through relationships",
                                    "Structure should serve multiplication",
                                    "Small and reproducible beats big and fragile",
                                ],
                            ),
                            lesson(
                                "Stories from the field",
                                [
                                    "Three movements that grew from kitchen tables",
                                    "What their leaders had in common",
                                    "What they stopped doing",
                                ],
                            ),
                        ],
                    ),
                    (
                        "Leading for multiplication",
                        &[lesson(
                            "Leaders who make leaders",
                            [
                                "Hand over the work before you feel ready",
                                "Coach in the open",
                                "Celebrate the second generation",
                            ],
                        )],
                    ),
                ],
            },
            DemoCourse {
                slug: "multiplying-disciples",
                title: "Multiplying Disciples",
                summary: "A members' cohort on habits that help disciples make disciples.",
                access: "members",
                published: true,
                price_cents: 2900,
                modules: &[(
                    "Habits that multiply",
                    &[
                        lesson(
                            "Rhythms of life together",
                            [
                                "Eat together every week",
                                "Read together with a simple pattern",
                                "Send each other out",
                            ],
                        ),
                        lesson(
                            "Simple tools",
                            [
                                "Tools must be teachable in ten minutes",
                                "One tool per season",
                                "Retire tools that do not reproduce",
                            ],
                        ),
                    ],
                )],
            },
            DemoCourse {
                slug: "coaching-lab",
                title: "Coaching Lab",
                summary: "A draft course for coaches, not yet published.",
                access: "public",
                published: false,
                price_cents: 0,
                modules: &[(
                    "Coaching conversations",
                    &[lesson(
                        "Listening first",
                        [
                            "Ask before you advise",
                            "Summarise what you heard",
                            "Let silence do some work",
                        ],
                    )],
                )],
            },
        ],
    },
    DemoTenant {
        slug: "100-movements",
        name: "100 Movements",
        tier: "enterprise",
        colors: ["#7C3AED", "#0EA5E9", "#F97316"],
        features: [true, false, true, false],
        suspended: false,
        logo: None,
        custom_domain: None,
        people: &[
            person("owner@100-movements.example", "Grace Mbeki", "owner"),
            person("admin@100-movements.example", "Diego Santos", "admin"),
            person("instructor@100-movements.example", "Hana Kim", "instructor"),
            person("learner@100-movements.example", "Owen Price", "member"),
        ],
        courses: &[
            DemoCourse {
                slug: "missional-imagination",
                title: "Missional Imagination",
                summary: "Seeing your neighbourhood with fresh eyes.",
                access: "public",
                published: true,
                price_cents: 0,
                modules: &[(
                    "Seeing",
                    &[
                        lesson(
                            "Walking the neighbourhood",
                            [
                                "Walk slowly and take notes",
                                "Notice where people gather",
                                "Ask what is already good here",
                            ],
                        ),
                        lesson(
                            "Listening to place",
                            [
                                "Every place has a story",
                                "Find the local historians",
                                "Look for the unmet need",
                            ],
                        ),
                    ],
                )],
            },
            DemoCourse {
                slug: "network-leaders-intensive",
                title: "Network Leaders Intensive",
                summary: "For members leading networks of communities.",
                access: "members",
                published: true,
                price_cents: 0,
                modules: &[(
                    "Holding a network together",
                    &[lesson(
                        "Shared practices",
                        [
                            "Agree on few things, hold them tightly",
                            "Meet in person twice a year",
                            "Share failures first",
                        ],
                    )],
                )],
            },
        ],
    },
    DemoTenant {
        slug: "forge",
        name: "Forge",
        tier: "basic",
        colors: ["#B45309", "#1F2937", "#FBBF24"],
        features: [true, true, false, false],
        suspended: false,
        logo: None,
        custom_domain: None,
        people: &[
            person("owner@forge.example", "Ravi Patel", "owner"),
            person("instructor@forge.example", "Mei Chen", "instructor"),
            person("learner@forge.example", "Chris Adams", "member"),
        ],
        courses: &[
            DemoCourse {
                slug: "pioneer-training",
                title: "Pioneer Training",
                summary: "A practical first course for people starting something new.",
                access: "public",
                published: true,
                price_cents: 0,
                modules: &[
                    (
                        "Starting",
                        &[
                            lesson(
                                "Permission to begin",
                                [
                                    "You do not need a perfect plan",
                                    "Start with the people you know",
                                    "Write down why you are doing this",
                                ],
                            ),
                            lesson(
                                "The first ninety days",
                                [
                                    "Meet ten people in your area",
                                    "Host one simple gathering",
                                    "Find one partner",
                                ],
                            ),
                        ],
                    ),
                    (
                        "Sustaining",
                        &[lesson(
                            "Rest and rhythm",
                            [
                                "Pioneers burn out when they never stop",
                                "Protect one day a week",
                                "Have someone ask how you are",
                            ],
                        )],
                    ),
                ],
            },
            DemoCourse {
                slug: "forge-residency",
                title: "Forge Residency",
                summary: "The members-only residency track.",
                access: "members",
                published: true,
                price_cents: 0,
                modules: &[(
                    "Residency",
                    &[lesson(
                        "Your learning covenant",
                        [
                            "Name what you want to learn",
                            "Name who will hold you to it",
                            "Review it monthly",
                        ],
                    )],
                )],
            },
        ],
    },
    DemoTenant {
        slug: "future-travelers",
        name: "Future Travelers",
        tier: "basic",
        colors: ["#0F766E", "#9333EA", "#FACC15"],
        // Community only: its courses stay hidden until it switches courses on.
        features: [false, false, true, false],
        suspended: false,
        logo: None,
        custom_domain: None,
        people: &[
            person("owner@future-travelers.example", "Noah Williams", "owner"),
            person("learner@future-travelers.example", "Ivy Turner", "member"),
        ],
        courses: &[DemoCourse {
            slug: "journeys-ahead",
            title: "Journeys Ahead",
            summary: "Prepared for when the courses feature is switched on.",
            access: "public",
            published: true,
            price_cents: 0,
            modules: &[(
                "Setting out",
                &[lesson(
                    "Packing light",
                    [
                        "Bring curiosity",
                        "Leave assumptions at home",
                        "Travel with friends",
                    ],
                )],
            )],
        }],
    },
    DemoTenant {
        slug: "harbor-guild",
        name: "Harbor Guild",
        tier: "basic",
        colors: ["#1E3A8A", "#475569", "#38BDF8"],
        features: [true, false, false, false],
        // Suspended, so the "unavailable" page can be tried.
        suspended: true,
        logo: None,
        custom_domain: None,
        people: &[person("owner@harbor-guild.example", "Eli Morgan", "owner")],
        courses: &[DemoCourse {
            slug: "knots-and-lines",
            title: "Knots and Lines",
            summary: "A course from a suspended organisation.",
            access: "public",
            published: true,
            price_cents: 0,
            modules: &[(
                "Basics",
                &[lesson(
                    "Three knots",
                    ["Bowline", "Clove hitch", "Reef knot"],
                )],
            )],
        }],
    },
];

/// Quizzes, by tenant and course slug.
pub const QUIZZES: &[(&str, &str, DemoQuiz)] = &[
    (
        "5q",
        "the-5q-framework",
        DemoQuiz {
            title: "5Q Framework check",
            passing_score: 70,
            required: true,
            questions: &[
                (
                    "How many intelligences does the 5Q framework describe?",
                    false,
                    &[("Three", false), ("Five", true), ("Seven", false)],
                ),
                (
                    "Which are good ways to read your own profile?",
                    true,
                    &[
                        ("Ask two colleagues", true),
                        ("Notice what gives you energy", true),
                        ("Only trust your strongest gift", false),
                    ],
                ),
                (
                    "A missing voice on a team usually shows up as…",
                    false,
                    &[
                        ("A recurring blind spot", true),
                        ("Faster decisions", false),
                    ],
                ),
            ],
        },
    ),
    (
        "forge",
        "pioneer-training",
        DemoQuiz {
            title: "Pioneer readiness",
            passing_score: 60,
            required: false,
            questions: &[
                (
                    "What should you have before you begin?",
                    false,
                    &[("A perfect plan", false), ("A reason written down", true)],
                ),
                (
                    "In the first ninety days you should…",
                    true,
                    &[
                        ("Meet ten people", true),
                        ("Host one gathering", true),
                        ("Hire staff", false),
                    ],
                ),
            ],
        },
    ),
];

/// An opening discussion per tenant with the community feature, by course slug.
pub const DISCUSSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "movement-leaders",
        "foundations-of-movement-leadership",
        "What did you stop doing?",
        "The *Stories from the field* lesson says the leaders **stopped** doing things. What have you stopped doing this year?",
    ),
    (
        "100-movements",
        "missional-imagination",
        "Neighbourhood walk notes",
        "Share one thing you noticed on your walk this week.",
    ),
];
