//! The client's address, for per-address limits and logs: the socket's peer, or — only when that
//! peer is one of the operator's own proxies (`ATRIUM_TRUSTED_PROXIES`) — the address those
//! proxies say the request came from. A client cannot choose its address by sending
//! `X-Forwarded-For` itself: from anyone else the header is ignored.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::IpAddr;

pub fn of(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = peer.map(canonical)?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    // Each proxy appends the address it received the request from: walking from the right past
    // our own proxies, the first other address is the client. An entry that is not an address
    // makes the header worthless; the peer (our proxy) is used then.
    let mut hops = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            return Some(peer);
        };
        for entry in text.split(',') {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) => hops.push(canonical(ip)),
                Err(_) => return Some(peer),
            }
        }
    }
    hops.iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .or(hops.first())
        .copied()
        .or(Some(peer))
}

/// IPv4 addresses seen through an IPv6 socket (`::ffff:a.b.c.d`) as plain IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// `ATRIUM_TRUSTED_PROXIES`: addresses or networks, comma-separated (`10.0.0.0/8, 192.0.2.7`).
pub fn parse_trusted(text: &str) -> Result<Vec<IpNet>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{s:?} is not an address or network"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let trusted = parse_trusted("10.0.0.0/8, 192.0.2.7").unwrap();
        let spoofed = headers(&["203.0.113.9"]);
        assert_eq!(
            of(ip("198.51.100.1"), &spoofed, &trusted),
            ip("198.51.100.1")
        );
        assert_eq!(of(ip("198.51.100.1"), &spoofed, &[]), ip("198.51.100.1"));
        assert_eq!(of(ip("192.0.2.7"), &spoofed, &trusted), ip("203.0.113.9"));
    }

    #[test]
    fn the_client_is_the_first_address_from_the_right_that_is_not_a_proxy_of_ours() {
        let trusted = parse_trusted("10.0.0.0/8").unwrap();
        // The client claimed 1.1.1.1 itself; our proxies saw 203.0.113.9 then 10.0.0.2.
        let chain = headers(&["1.1.1.1, 203.0.113.9", "10.0.0.2"]);
        assert_eq!(of(ip("10.0.0.1"), &chain, &trusted), ip("203.0.113.9"));
        let garbage = headers(&["not-an-address, 203.0.113.9"]);
        assert_eq!(of(ip("10.0.0.1"), &garbage, &trusted), ip("10.0.0.1"));
        assert_eq!(
            of(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        assert_eq!(
            of(ip("::ffff:198.51.100.1"), &HeaderMap::new(), &[]),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn bad_configuration_is_refused() {
        assert!(parse_trusted("10.0.0.0/8, proxy.local").is_err());
        assert_eq!(parse_trusted("").unwrap(), Vec::new());
    }
}
