//! The banner `scripts/dev` shows once the server listens: where to go and who to be.

use app::data::demo::content::{DEMO_PASSWORD, SUPER_ADMIN_EMAIL, TENANTS};
use std::fmt::Write;

pub fn banner(port: u16, root_domain: &str) -> String {
    let mut out = String::new();
    let platform = format!("http://{root_domain}:{port}");
    let _ = writeln!(out, "\n  Atrium is running at {platform}\n");
    let _ = writeln!(out, "  Partner portals, by path and by subdomain:");
    for t in TENANTS {
        let note = if t.suspended {
            "  (suspended: shows the unavailable page)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {:<20} {platform}/{:<18} http://{}.{root_domain}:{port}{note}",
            t.name, t.slug, t.slug
        );
    }
    for t in TENANTS {
        if let Some(domain) = t.custom_domain {
            let _ = writeln!(
                out,
                "\n  Custom domain {domain} serves {}; try it with\n    curl -H 'Host: {domain}' {platform}/",
                t.name
            );
        }
    }
    let _ = writeln!(
        out,
        "\n  Demo accounts, all with the password {DEMO_PASSWORD}:"
    );
    let _ = writeln!(out, "    {SUPER_ADMIN_EMAIL:<38} platform super admin");
    let mut seen = Vec::new();
    for t in TENANTS {
        for p in t.people {
            if seen.contains(&p.email) {
                continue;
            }
            seen.push(p.email);
            let tenants: Vec<_> = TENANTS
                .iter()
                .filter(|t| t.people.iter().any(|q| q.email == p.email))
                .map(|t| t.name)
                .collect();
            let _ = writeln!(
                out,
                "    {:<38} {} of {}",
                p.email,
                p.role,
                tenants.join(" and ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_banner_lists_portals_domains_and_accounts() {
        let text = super::banner(3000, "localhost");
        assert!(text.contains("http://localhost:3000/5q"));
        assert!(text.contains("http://movement-leaders.localhost:3000"));
        assert!(text.contains("learn.5q.example"));
        assert!(text.contains("sam@learner.example"));
        assert!(text.contains("member of 5Q Collective and Movement Leaders"));
        assert!(text.contains("admin@atrium.example"));
    }
}
