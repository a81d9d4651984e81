//! DNS lookups for custom-domain verification, behind an interface: the system's resolver
//! (hickory-resolver, reading /etc/resolv.conf) in production, a fake in tests.

use std::sync::Arc;

/// The TXT records a name has. `Ok(vec![])` when it has none (or does not exist); `Err` when the
/// lookup itself failed (no answer from the resolver), which the console reports as such.
#[async_trait::async_trait]
pub trait TxtResolver: Send + Sync {
    async fn txt(&self, name: &str) -> Result<Vec<String>, String>;
}

/// Where a domain's challenge lives: `_atrium-challenge.<host>`.
pub fn challenge_name(host: &str) -> String {
    format!("_atrium-challenge.{host}")
}

/// The system's resolver.
pub struct SystemResolver(hickory_resolver::TokioResolver);

impl SystemResolver {
    pub fn from_system() -> Result<Self, String> {
        let builder =
            hickory_resolver::TokioResolver::builder_tokio().map_err(|e| e.to_string())?;
        Ok(Self(builder.build()))
    }
}

#[async_trait::async_trait]
impl TxtResolver for SystemResolver {
    async fn txt(&self, name: &str) -> Result<Vec<String>, String> {
        // A fully qualified name, so no search domain is appended.
        let fqdn = format!("{}.", name.trim_end_matches('.'));
        match self.0.txt_lookup(fqdn).await {
            Ok(found) => Ok(found
                .iter()
                .map(|txt| {
                    txt.txt_data()
                        .iter()
                        .map(|part| String::from_utf8_lossy(part).into_owned())
                        .collect::<String>()
                })
                .collect()),
            Err(e) if e.is_no_records_found() => Ok(Vec::new()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// For machines without a usable resolver configuration: every lookup fails plainly.
pub struct NoResolver(pub String);

#[async_trait::async_trait]
impl TxtResolver for NoResolver {
    async fn txt(&self, _name: &str) -> Result<Vec<String>, String> {
        Err(self.0.clone())
    }
}

/// The resolver a server starts with.
pub fn system_or_none() -> Arc<dyn TxtResolver> {
    match SystemResolver::from_system() {
        Ok(r) => Arc::new(r),
        Err(e) => {
            tracing::warn!(error = %e, "no DNS resolver configuration: domain checks will fail");
            Arc::new(NoResolver(format!("no DNS resolver is configured: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_challenge_lives_under_its_own_label() {
        assert_eq!(
            super::challenge_name("learn.acme.example"),
            "_atrium-challenge.learn.acme.example"
        );
    }
}
