//! `curl` from the host: through docker's published ports to HAProxy (or whatever publishes the
//! port), HAProxy's `route()` choosing the server, the world's network answering.

use super::flags::{flag, parse_flags, FlagErr};
use crate::docker::ContainerRole;
use crate::haproxy::{Mode, Route};
use crate::net::{Endpoint, HttpReply, Listener, Network};
use crate::world::World;
use rand::Rng;

fn flag_err(e: FlagErr) -> String {
    match e {
        FlagErr::Unknown(f) => format!("curl: option {f}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"),
        FlagErr::UnknownShort(c, _) => format!("curl: option -{c}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information"),
        FlagErr::NeedsArg(f) => format!("curl: option {f}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information"),
    }
}

pub(super) const HAPROXY_503: &str = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n";

struct Url {
    https: bool,
    host: String,
    port: u16,
    path: String,
}

fn parse_url(u: &str) -> Result<Url, String> {
    let (https, rest) = if let Some(r) = u.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = u.strip_prefix("http://") {
        (false, r)
    } else if u.contains("://") {
        let scheme = u.split("://").next().unwrap_or("");
        return Err(format!("curl: (1) Protocol \"{scheme}\" not supported"));
    } else {
        (false, u)
    };
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().map_err(|_| "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535".to_string())?),
        None => (hostport.to_string(), if https { 443 } else { 80 }),
    };
    if host.is_empty() {
        return Err("curl: (3) URL rejected: No host part in the URL".into());
    }
    Ok(Url {
        https,
        host,
        port,
        path,
    })
}

fn render(reply: &HttpReply, head: bool, include: bool) -> String {
    let mut s = String::new();
    if head || include {
        s.push_str(&reply_head(reply, ""));
    }
    if !head {
        s.push_str(&reply.body);
    }
    s
}

/// The status line, the headers and the blank line that ends them, each line after `prefix`
/// (`"< "` in `curl -v`).
fn reply_head(reply: &HttpReply, prefix: &str) -> String {
    let mut s = format!("{prefix}HTTP/1.1 {} {}\n", reply.status, reply.reason);
    for (k, v) in &reply.headers {
        s.push_str(&format!("{prefix}{k}: {v}\n"));
    }
    s.push_str(prefix);
    s.push('\n');
    s
}

fn haproxy_503() -> HttpReply {
    let mut r = HttpReply::new(503, HAPROXY_503);
    r.headers = vec![
        ("content-length".into(), "107".into()),
        ("cache-control".into(), "no-cache".into()),
        ("content-type".into(), "text/html".into()),
    ];
    r
}

const WRONG_VERSION: &str =
    "curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number";

/// NGINX's answer to plain HTTP on its HTTPS port.
fn plain_http_to_https() -> HttpReply {
    let mut r = HttpReply::new(400, "<html>\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\n<body>\n<center><h1>400 Bad Request</h1></center>\n<center>The plain HTTP request was sent to HTTPS port</center>\n<hr><center>nginx</center>\n</body>\n</html>\n");
    r.headers = vec![("Content-Type".into(), "text/html".into())];
    r
}

/// `HEAD` for `curl -I`, else `GET`.
fn http_method(head: bool) -> &'static str {
    if head {
        "HEAD"
    } else {
        "GET"
    }
}

const CERT_ERR: &str = "curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.";

/// One curl invocation: the URL and the flags that shape what it prints.
struct Req {
    url: Url,
    /// `-I`: a HEAD request, the headers printed.
    head: bool,
    /// `-i`: the headers printed before the body.
    include: bool,
    /// `-v`: the conversation printed.
    verbose: bool,
    /// `-s` without `-S`: errors not printed.
    silent: bool,
    /// `-k`: certificates not verified.
    insecure: bool,
}

impl Req {
    fn method(&self) -> &'static str {
        http_method(self.head)
    }

    /// What curl prints for a reply (with `-v`, the conversation around it).
    fn show(&self, r: &HttpReply) -> String {
        let url = &self.url;
        if !self.verbose {
            return render(r, self.head, self.include);
        }
        let ip = if url.host == "localhost" {
            "127.0.0.1"
        } else {
            url.host.as_str()
        };
        let mut v = format!(
            "*   Trying {ip}:{port}...\n* Connected to {host} ({ip}) port {port}\n",
            port = url.port,
            host = url.host
        );
        if url.https {
            v.push_str("* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS\n* Server certificate:\n*  subject: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate\n*  issuer: O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate\n*  SSL certificate verify result: self-signed certificate (18), continuing anyway.\n");
        }
        v.push_str(&format!(
            "> {} {} HTTP/1.1\n> Host: {}\n> User-Agent: curl/8.5.0\n> Accept: */*\n> \n",
            self.method(),
            url.path,
            url.host
        ));
        v.push_str(&reply_head(r, "< "));
        if !self.head {
            v.push_str(&r.body);
        }
        v.push_str(&format!(
            "* Connection #0 to host {} left intact\n",
            url.host
        ));
        v
    }

    /// A failure: its message, unless silenced.
    fn fail(&self, msg: String) -> Result<String, String> {
        Err(if self.silent { String::new() } else { msg })
    }
}

pub(super) fn run(w: &mut World, args: &[String]) -> Result<String, String> {
    let p = parse_flags(
        args,
        &[
            flag("silent", Some('s'), false),
            flag("insecure", Some('k'), false),
            flag("head", Some('I'), false),
            flag("include", Some('i'), false),
            flag("verbose", Some('v'), false),
            flag("show-error", Some('S'), false),
            flag("location", Some('L'), false),
            flag("fail", Some('f'), false),
            flag("max-time", Some('m'), true),
            flag("header", Some('H'), true),
            flag("output", Some('o'), true),
            flag("write-out", Some('w'), true),
        ],
        false,
    )
    .map_err(flag_err)?;
    let Some(u) = p.positional.first() else {
        return Err("curl: try 'curl --help' or 'curl --manual' for more information".into());
    };
    let req = Req {
        url: parse_url(u)?,
        head: p.on("head"),
        include: p.on("include"),
        verbose: p.on("verbose"),
        silent: p.on("silent") && !p.on("show-error"),
        insecure: p.on("insecure"),
    };
    let url = &req.url;
    if !matches!(url.host.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0") {
        if let Ok(ip) = url.host.parse::<std::net::Ipv4Addr>() {
            // the host can reach the docker networks directly
            return direct(w, ip, &req);
        }
        return req.fail(format!("curl: (6) Could not resolve host: {}", url.host));
    }
    let conn_fail = format!(
        "curl: (7) Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
        url.host, url.port
    );
    // which running container publishes the port?
    let Some(ci) = w.containers.iter().position(|c| {
        c.running()
            && (c.ports.iter().any(|pm| {
                pm.host_port == url.port
                    && pm.proto == "tcp"
                    && (pm.host_ip.is_none()
                        || pm.host_ip.as_deref() == Some("127.0.0.1")
                        || url.host != "localhost")
            }) || (c.on("host") && matches!(c.role, ContainerRole::Haproxy { .. })))
    }) else {
        return req.fail(conn_fail);
    };
    let cport = w.containers[ci]
        .ports
        .iter()
        .find(|pm| pm.host_port == url.port)
        .map(|pm| pm.container_port)
        .unwrap_or(url.port);
    let rid: u128 = w.rng.misc.random();
    if matches!(w.containers[ci].role, ContainerRole::KindLb { .. }) {
        return api_server(&req);
    }
    let Some(engine) = w.engine_mut(ci) else {
        return req.fail("curl: (56) Recv failure: Connection reset by peer".into());
    };
    let route = engine.route(cport);
    w.last_route = Some(route.clone());
    through_haproxy(w, &req, route, ci, rid)
}

/// kind's API load balancer answers: HTTPS only, a self-signed certificate, and the API
/// server's `403` to an anonymous client.
fn api_server(req: &Req) -> Result<String, String> {
    if !req.url.https {
        return Ok("Client sent an HTTP request to an HTTPS server.\n".into());
    }
    if !req.insecure {
        return req.fail("curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html".into());
    }
    let body = "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\",\n  \"reason\": \"Forbidden\",\n  \"details\": {},\n  \"code\": 403\n}\n";
    let r = HttpReply::new(403, body);
    Ok(req.show(&r))
}

/// The request went through HAProxy, which chose `route`: what reaches curl (HAProxy's own
/// 503, the server's reply, or a TLS or connection failure), from container `lb` (HAProxy's:
/// the servers see its address on their network); `rid` identifies the request.
fn through_haproxy(
    w: &World,
    req: &Req,
    route: Route,
    lb: usize,
    rid: u128,
) -> Result<String, String> {
    let url = &req.url;
    let method = req.method();
    let ssl_syscall = format!(
        "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to {}:{} ",
        url.host, url.port
    );
    match route {
        Route::NoListener => req.fail("curl: (56) Recv failure: Connection reset by peer".into()),
        Route::NoServer { mode, .. } => match (mode, url.https) {
            (Mode::Http, false) => Ok(req.show(&haproxy_503())),
            (Mode::Http, true) => req.fail(WRONG_VERSION.into()),
            (Mode::Tcp, false) => req.fail("curl: (52) Empty reply from server".into()),
            (Mode::Tcp, true) => req.fail(ssl_syscall),
        },
        Route::Server {
            addr, port, mode, ..
        } => {
            let scheme = if url.https { "https" } else { "http" };
            let client = w.source_ip(lb, addr);
            let net = w.net_from(Some(lb), client, scheme, rid);
            let ep = net.connect(addr, port);
            match (mode, ep) {
                (Mode::Http, Endpoint::Listening(l)) => {
                    if url.https {
                        return req.fail(WRONG_VERSION.into());
                    }
                    if l == Listener::Https {
                        return Ok(req.show(&plain_http_to_https()));
                    }
                    let r = net.http(addr, port, method, &url.path);
                    Ok(req.show(&r))
                }
                (Mode::Http, _) => {
                    if url.https {
                        return req.fail(WRONG_VERSION.into());
                    }
                    Ok(req.show(&haproxy_503()))
                }
                (Mode::Tcp, Endpoint::Listening(l)) => match (l, url.https) {
                    (Listener::Https, true) => {
                        if !req.insecure {
                            return req.fail(CERT_ERR.into());
                        }
                        let r = net.http(addr, port, method, &url.path);
                        Ok(req.show(&r))
                    }
                    (Listener::Https, false) => Ok(req.show(&plain_http_to_https())),
                    (Listener::Http, true) => req.fail(WRONG_VERSION.into()),
                    (Listener::Http, false) => {
                        let r = net.http(addr, port, method, &url.path);
                        Ok(req.show(&r))
                    }
                },
                (Mode::Tcp, _) => {
                    if url.https {
                        req.fail(ssl_syscall)
                    } else {
                        req.fail("curl: (52) Empty reply from server".into())
                    }
                }
            }
        }
    }
}

/// curl to a container IP from the host (e.g. a worker's hostPort directly).
fn direct(w: &World, ip: std::net::Ipv4Addr, req: &Req) -> Result<String, String> {
    let url = &req.url;
    let net = w.net_from(
        None,
        std::net::Ipv4Addr::new(172, 18, 0, 1),
        if url.https { "https" } else { "http" },
        0,
    );
    match net.connect(ip, url.port) {
        Endpoint::Refused => req.fail(format!("curl: (7) Failed to connect to {ip} port {} after 0 ms: Couldn't connect to server", url.port)),
        Endpoint::Dropped => req.fail(format!("curl: (28) Failed to connect to {ip} port {} after 130000 ms: Couldn't connect to server", url.port)),
        Endpoint::Listening(l) => {
            if (l == Listener::Https) != url.https {
                return req.fail(WRONG_VERSION.into());
            }
            if url.https && !req.insecure {
                return req.fail(CERT_ERR.into());
            }
            let r = net.http(ip, url.port, req.method(), &url.path);
            Ok(render(&r, req.head, req.include))
        }
    }
}
