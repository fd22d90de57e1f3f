//! What HAProxy (and curl) meet on the simulated docker network.
//!
//! The world implements [`Network`]; the HAProxy engine only ever asks it "what does a TCP
//! connect to ip:port meet right now?" and, when something listens, "what does it answer?".

use std::net::Ipv4Addr;

/// What a TCP connect to `ip:port` meets at this instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// The host is up but nothing listens on the port: RST, "Connection refused".
    Refused,
    /// The host is unreachable / stopped: SYNs are dropped, the connect times out.
    Dropped,
    /// Something accepts the connection.
    Listening(Listener),
}

/// What speaks on a listening port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener {
    /// Plain HTTP (NGINX ingress on 80).
    Http,
    /// TLS, then HTTP inside (NGINX ingress on 443).
    Https,
}

/// An HTTP response as the simulated server sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// The status code (`0`: connected, but no answer).
    pub status: u16,
    /// Reason phrase, e.g. `OK`, `Not Found`.
    pub reason: String,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl HttpReply {
    /// A reply with the standard reason phrase for `status` and no headers.
    pub fn new(status: u16, body: impl Into<String>) -> HttpReply {
        HttpReply {
            status,
            reason: reason_phrase(status).to_string(),
            headers: Vec::new(),
            body: body.into(),
        }
    }
}

/// The standard reason phrase of an HTTP status code (`""` when unknown).
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

/// The simulated network as seen from the HAProxy container (or from the host, for curl).
pub trait Network {
    /// What a TCP connect to `ip:port` meets now.
    fn connect(&self, ip: Ipv4Addr, port: u16) -> Endpoint;
    /// Only called after `connect()` returned `Listening`; plain or TLS per the listener.
    fn http(&self, ip: Ipv4Addr, port: u16, method: &str, path: &str) -> HttpReply;
}
