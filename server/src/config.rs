//! Configuration from the environment. Secrets are kept out of `Debug` output.

use std::fmt;
use std::net::SocketAddr;

#[derive(Clone)]
pub struct Config {
    /// Owner connection, used at start-up to migrate (DATABASE_URL).
    pub database_url: String,
    /// The application's own connection, as the `atrium_app` role.
    pub app_database_url: String,
    /// Set when the app URL was derived: start-up gives `atrium_app` this password.
    pub app_role_password: Option<String>,
    /// The platform login's connection (`atrium_console`), for console and other cross-tenant
    /// work; the application role cannot enter the platform role.
    pub platform_database_url: String,
    /// Set when the platform URL was derived: start-up gives `atrium_console` this password.
    pub platform_role_password: Option<String>,
    /// Tenants answer at `<slug>.<root_domain>`; the root domain itself is the platform host.
    pub root_domain: String,
    pub listen_addr: SocketAddr,
    pub load_demo_data: bool,
    pub db_max_connections: u32,
    /// Served over https (behind a TLS proxy): session cookies get `Secure` on every request.
    /// Otherwise they do when the proxy says `X-Forwarded-Proto: https`.
    pub https: bool,
    /// Uploaded files, one folder per tenant id (ATRIUM_UPLOAD_DIR, default `.atrium/uploads`).
    pub upload_dir: std::path::PathBuf,
    /// Whether this process works the background job queue (ATRIUM_JOBS=off turns it off, for
    /// an instance that should only serve pages).
    pub jobs: bool,
    /// Outgoing mail through this SMTP server (ATRIUM_SMTP_URL, lettre's URL format); without it
    /// messages are only logged and admins copy invitation links themselves.
    pub smtp_url: Option<String>,
    /// The sender of outgoing mail (ATRIUM_MAIL_FROM, default `Atrium <no-reply@<root domain>>`).
    pub mail_from: String,
    /// `statement_timeout` of every tenant transaction (ATRIUM_STATEMENT_TIMEOUT_MS, default
    /// 10000; 0 turns it off).
    pub statement_timeout_ms: u64,
    /// After SIGTERM, how long requests in flight may take to finish before the process exits
    /// anyway (ATRIUM_SHUTDOWN_GRACE, seconds, default 10).
    pub shutdown_grace: std::time::Duration,
    /// Our own proxies (ATRIUM_TRUSTED_PROXIES): only from these is `X-Forwarded-For` believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Per-tenant rate limits and fair sharing (`ATRIUM_RATE_LIMITS`,
    /// `ATRIUM_TENANT_CONCURRENCY`).
    pub admission: crate::admission::AdmissionSettings,
    /// Rate limits shared by every instance through this Redis (ATRIUM_REDIS_URL); without it
    /// each instance keeps its own.
    pub redis_url: Option<String>,
    /// Prefix of Atrium's Redis keys (ATRIUM_REDIS_PREFIX, default `atrium`), so deployments can
    /// share one Redis.
    pub redis_prefix: String,
    /// Where `/metrics` (Prometheus) is served (ATRIUM_METRICS_ADDR, default 127.0.0.1:9464;
    /// `off` for none), apart from the public address.
    pub metrics_addr: Option<SocketAddr>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact(&self.database_url))
            .field("app_database_url", &redact(&self.app_database_url))
            .field(
                "platform_database_url",
                &redact(&self.platform_database_url),
            )
            .field("root_domain", &self.root_domain)
            .field("listen_addr", &self.listen_addr)
            .field("load_demo_data", &self.load_demo_data)
            .field("jobs", &self.jobs)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact))
            .field("mail_from", &self.mail_from)
            .field("statement_timeout_ms", &self.statement_timeout_ms)
            .field("shutdown_grace", &self.shutdown_grace)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("admission", &self.admission)
            .field("redis_url", &self.redis_url.as_deref().map(redact))
            .field("redis_prefix", &self.redis_prefix)
            .field("metrics_addr", &self.metrics_addr)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "DATABASE_URL is not set. `scripts/dev` starts a local PostgreSQL and sets it for you."
    )]
    MissingDatabaseUrl,
    #[error(
        "Set APP_DATABASE_URL (the atrium_app role's connection) or ATRIUM_APP_DB_PASSWORD \
         (to derive it from DATABASE_URL)."
    )]
    MissingAppCredentials,
    #[error(
        "Set PLATFORM_DATABASE_URL (the atrium_console login's connection) or \
         ATRIUM_PLATFORM_DB_PASSWORD (to derive it from DATABASE_URL)."
    )]
    MissingPlatformCredentials,
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

/// The login role the application connects as (created by the first migration).
pub const APP_ROLE: &str = "atrium_app";

/// The login for platform work, the only one that may enter `atrium_platform`.
pub const PLATFORM_ROLE: &str = "atrium_console";

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = get("DATABASE_URL").ok_or(ConfigError::MissingDatabaseUrl)?;
        let (app_database_url, app_role_password) = match get("APP_DATABASE_URL") {
            Some(url) => (url, None),
            None => {
                let password =
                    get("ATRIUM_APP_DB_PASSWORD").ok_or(ConfigError::MissingAppCredentials)?;
                (derive_app_url(&database_url, &password)?, Some(password))
            }
        };
        let (platform_database_url, platform_role_password) = match get("PLATFORM_DATABASE_URL") {
            Some(url) => (url, None),
            None => {
                let password = get("ATRIUM_PLATFORM_DB_PASSWORD")
                    .ok_or(ConfigError::MissingPlatformCredentials)?;
                let url = derive_url(&database_url, PLATFORM_ROLE, &password)?;
                (url, Some(password))
            }
        };
        let listen = get("ATRIUM_LISTEN_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let listen_addr = listen.parse().map_err(|e| ConfigError::Invalid {
            name: "ATRIUM_LISTEN_ADDR",
            reason: format!("{e}"),
        })?;
        let root_domain = get("ATRIUM_ROOT_DOMAIN")
            .unwrap_or_else(|| "localhost".to_owned())
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let number = |name: &'static str, default: u64| match get(name) {
            Some(v) => v.trim().parse::<u64>().map_err(|e| ConfigError::Invalid {
                name,
                reason: format!("{e}"),
            }),
            None => Ok(default),
        };
        let db_max_connections =
            u32::try_from(number("ATRIUM_DB_MAX_CONNECTIONS", 10)?).map_err(|e| {
                ConfigError::Invalid {
                    name: "ATRIUM_DB_MAX_CONNECTIONS",
                    reason: format!("{e}"),
                }
            })?;
        let statement_timeout_ms = number(
            "ATRIUM_STATEMENT_TIMEOUT_MS",
            app::data::PoolSettings::STATEMENT_TIMEOUT_MS,
        )?;
        let shutdown_grace = std::time::Duration::from_secs(number("ATRIUM_SHUTDOWN_GRACE", 10)?);
        let trusted_proxies = crate::client_address::parse_trusted(
            &get("ATRIUM_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|reason| ConfigError::Invalid {
            name: "ATRIUM_TRUSTED_PROXIES",
            reason,
        })?;
        let rate_limits = match get("ATRIUM_RATE_LIMITS").as_deref() {
            None | Some("on" | "true" | "1") => true,
            Some("off" | "false" | "0") => false,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "ATRIUM_RATE_LIMITS",
                    reason: format!("expected on or off, got {other:?}"),
                });
            }
        };
        let per_tenant = number(
            "ATRIUM_TENANT_CONCURRENCY",
            crate::admission::AdmissionSettings::default_concurrency() as u64,
        )?
        .max(1);
        let admission = crate::admission::AdmissionSettings {
            rate_limits,
            per_tenant: usize::try_from(per_tenant).unwrap_or(usize::MAX),
            ..Default::default()
        };
        let jobs = match get("ATRIUM_JOBS").as_deref() {
            None | Some("on" | "true" | "1") => true,
            Some("off" | "false" | "0") => false,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "ATRIUM_JOBS",
                    reason: format!("expected on or off, got {other:?}"),
                });
            }
        };
        let metrics_addr = match get("ATRIUM_METRICS_ADDR").as_deref() {
            Some("off") => None,
            Some(addr) => Some(addr.parse().map_err(|e| ConfigError::Invalid {
                name: "ATRIUM_METRICS_ADDR",
                reason: format!("{e}"),
            })?),
            None => Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
        };
        let smtp_url = get("ATRIUM_SMTP_URL");
        let mail_from =
            get("ATRIUM_MAIL_FROM").unwrap_or_else(|| format!("Atrium <no-reply@{root_domain}>"));
        // Refused at start-up, not at the first invitation.
        app::mail::from_config(smtp_url.as_deref(), &mail_from).map_err(|reason| {
            ConfigError::Invalid {
                name: "ATRIUM_SMTP_URL / ATRIUM_MAIL_FROM",
                reason,
            }
        })?;
        Ok(Self {
            database_url,
            app_database_url,
            app_role_password,
            platform_database_url,
            platform_role_password,
            root_domain,
            listen_addr,
            load_demo_data: get("ATRIUM_DEMO_DATA").is_some_and(|v| v == "1" || v == "true"),
            db_max_connections,
            https: get("ATRIUM_HTTPS").is_some_and(|v| v == "1" || v == "true"),
            upload_dir: get("ATRIUM_UPLOAD_DIR")
                .unwrap_or_else(|| ".atrium/uploads".to_owned())
                .into(),
            jobs,
            smtp_url,
            mail_from,
            statement_timeout_ms,
            shutdown_grace,
            trusted_proxies,
            admission,
            redis_url: get("ATRIUM_REDIS_URL"),
            redis_prefix: get("ATRIUM_REDIS_PREFIX").unwrap_or_else(|| "atrium".to_owned()),
            metrics_addr,
        })
    }
}

/// DATABASE_URL with the user and password replaced by the application role's.
pub fn derive_app_url(database_url: &str, password: &str) -> Result<String, ConfigError> {
    derive_url(database_url, APP_ROLE, password)
}

/// DATABASE_URL with the user and password replaced by `role`'s.
pub fn derive_url(database_url: &str, role: &str, password: &str) -> Result<String, ConfigError> {
    let invalid = |reason: &str| ConfigError::Invalid {
        name: "DATABASE_URL",
        reason: reason.to_owned(),
    };
    let (scheme, rest) = database_url
        .split_once("://")
        .ok_or_else(|| invalid("expected postgres://user:password@host/db"))?;
    let host_and_db = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
    Ok(format!(
        "{scheme}://{role}:{}@{host_and_db}",
        percent_encode(password)
    ))
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The URL without its password, for logs.
pub fn redact(url: &str) -> String {
    match (url.split_once("://"), url.rsplit_once('@')) {
        (Some((scheme, rest)), Some((_, host))) => {
            let user = rest.split(['@', ':']).next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_url_swaps_credentials_and_keeps_host() {
        let url = derive_app_url(
            "postgres://postgres:secret@127.0.0.1:5433/atrium",
            "p@ss w/rd",
        );
        assert_eq!(
            url.ok().as_deref(),
            Some("postgres://atrium_app:p%40ss%20w%2Frd@127.0.0.1:5433/atrium")
        );
        let no_credentials = derive_app_url("postgres://localhost/atrium", "x");
        assert_eq!(
            no_credentials.ok().as_deref(),
            Some("postgres://atrium_app:x@localhost/atrium")
        );
    }

    #[test]
    fn jobs_run_unless_turned_off_and_a_typo_is_refused() {
        let with = |jobs: Option<&'static str>| {
            Config::from_lookup(move |k| match k {
                "DATABASE_URL" => Some("postgres://x/y".into()),
                "ATRIUM_APP_DB_PASSWORD" | "ATRIUM_PLATFORM_DB_PASSWORD" => Some("pw".into()),
                "ATRIUM_JOBS" => jobs.map(str::to_owned),
                _ => None,
            })
        };
        assert!(with(None).is_ok_and(|c| c.jobs));
        assert!(with(Some("on")).is_ok_and(|c| c.jobs));
        assert!(with(Some("off")).is_ok_and(|c| !c.jobs));
        assert!(
            with(Some("of"))
                .err()
                .is_some_and(|e| e.to_string().contains("ATRIUM_JOBS"))
        );
    }

    #[test]
    fn redaction_hides_passwords() {
        assert_eq!(
            redact("postgres://atrium_app:hunter2@db:5432/atrium"),
            "postgres://atrium_app:***@db:5432/atrium"
        );
    }

    #[test]
    fn missing_settings_are_explained() {
        let err = Config::from_lookup(|_| None).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("DATABASE_URL")));
        let err = Config::from_lookup(|k| (k == "DATABASE_URL").then(|| "postgres://x/y".into()))
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("ATRIUM_APP_DB_PASSWORD")));
        let err = Config::from_lookup(|k| match k {
            "DATABASE_URL" => Some("postgres://x/y".into()),
            "ATRIUM_APP_DB_PASSWORD" => Some("pw".into()),
            _ => None,
        })
        .err()
        .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("ATRIUM_PLATFORM_DB_PASSWORD")));
    }
}
