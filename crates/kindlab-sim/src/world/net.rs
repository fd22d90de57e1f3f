//! The network as HAProxy sees it from the world: who answers at an address and port (NGINX
//! on the ingress node, the refusals and silences of stopped containers and kubelets).

use super::networks::{reaches, From};
use super::*;

/// The network as HAProxy (and curl, through the host) sees it.
pub(crate) struct NetView<'a> {
    pub(super) clusters: &'a [Cluster],
    pub(super) containers: &'a [Container],
    pub(super) index: &'a BTreeMap<Ipv4Addr, Target>,
    /// The docker network of each address.
    pub(super) ip_net: &'a BTreeMap<Ipv4Addr, String>,
    /// Where the connections start (the host, or a container's networks).
    pub(super) from: From<'a>,
    /// Which kind's networking applies.
    pub(super) era: KindEra,
    pub(crate) now: Millis,
    /// For replies that echo the client (the echo app), the client's address.
    pub(crate) client: Ipv4Addr,
    pub(crate) scheme: &'static str,
    pub(crate) request_id: u128,
}

pub(super) const NGINX_404: &str = "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";

/// Size of a body as sent (nginx's pages use CRLF line ends).
pub(super) fn crlf_len(body: &str) -> usize {
    body.len() + body.matches('\n').count()
}

impl NetView<'_> {
    pub(super) fn lookup(&self, ip: Ipv4Addr) -> Option<Target> {
        self.index.get(&ip).copied()
    }

    pub(super) fn node_listener(
        &self,
        ci: usize,
        ni: usize,
        port: u16,
    ) -> Option<&RuntimeContainer> {
        self.clusters[ci].nodes[ni]
            .runtime
            .iter()
            .find(|c| c.host_ports.contains(&port))
    }

    /// The NGINX ingress controller's answer on a node's hostPort.
    pub(super) fn nginx(
        &self,
        ci: usize,
        ingress: &RuntimeContainer,
        port: u16,
        method: &str,
        path: &str,
    ) -> HttpReply {
        let cluster = &self.clusters[ci];
        let date = crate::fmt::http_date(self.now);
        if path == "/healthz" {
            return nginx_reply(200, "", date, "text/html", ("Content-Length", "0".into()));
        }
        // Ingress rules (path prefix -> deployment)
        for (ns, _name, prefix, dep) in &cluster.ingresses {
            if path == prefix || path.starts_with(&format!("{prefix}/")) || (prefix == "/") {
                let eps = cluster.endpoints(ns, dep);
                if eps.is_empty() {
                    let body = "<html>\n<head><title>503 Service Temporarily Unavailable</title></head>\n<body>\n<center><h1>503 Service Temporarily Unavailable</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n";
                    let length = ("Content-Length", crlf_len(body).to_string());
                    let mut r = nginx_reply(503, body, date, "text/html", length);
                    r.reason = "Service Temporarily Unavailable".into();
                    return r;
                }
                let ep = eps[(self.request_id as usize) % eps.len()];
                let body = echo_body(&EchoRequest {
                    pod: &ep.name,
                    ingress_ip: ingress.ip,
                    client: self.client,
                    method,
                    path,
                    scheme: self.scheme,
                    port,
                    request_id: self.request_id,
                });
                let chunked = ("Transfer-Encoding", "chunked".into());
                return nginx_reply(200, body, date, "text/plain", chunked);
            }
        }
        let length = ("Content-Length", crlf_len(NGINX_404).to_string());
        nginx_reply(404, NGINX_404, date, "text/html", length)
    }
}

/// A reply as NGINX sends it: `Date`, `Content-Type`, the length header (`Content-Length`, or
/// `Transfer-Encoding: chunked`), `Connection: keep-alive`.
pub(super) fn nginx_reply(
    status: u16,
    body: impl Into<String>,
    date: String,
    content_type: &str,
    length: (&str, String),
) -> HttpReply {
    let mut r = HttpReply::new(status, body);
    r.headers = vec![
        ("Date".into(), date),
        ("Content-Type".into(), content_type.into()),
        (length.0.into(), length.1),
        ("Connection".into(), "keep-alive".into()),
    ];
    r
}

/// The reply of `registry.k8s.io/echoserver`: it names the echo pod (Hostname) and the address
/// the request came from, which is the NGINX ingress pod that proxied it.
/// A request as the echo app sees it behind the ingress controller.
pub(super) struct EchoRequest<'a> {
    /// The echo pod that answers.
    pub(super) pod: &'a str,
    /// The ingress controller's address (the client the echo app sees).
    pub(super) ingress_ip: Ipv4Addr,
    /// The real client (in `X-Forwarded-For`).
    pub(super) client: Ipv4Addr,
    pub(super) method: &'a str,
    pub(super) path: &'a str,
    pub(super) scheme: &'a str,
    pub(super) port: u16,
    pub(super) request_id: u128,
}

/// What the echo app answers.
pub(super) fn echo_body(r: &EchoRequest<'_>) -> String {
    let EchoRequest {
        pod,
        ingress_ip,
        client,
        method,
        path,
        scheme,
        port,
        request_id: rid,
    } = *r;
    format!(
        "\n\nHostname: {pod}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\nRequest Information:\n\tclient_address={ingress_ip}\n\tmethod={method}\n\treal path={path}\n\tquery=\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://localhost:8080{path}\n\nRequest Headers:\n\taccept=*/*\n\thost=localhost\n\tuser-agent=curl/8.5.0\n\tx-forwarded-for={client}\n\tx-forwarded-host=localhost\n\tx-forwarded-port={port}\n\tx-forwarded-proto={scheme}\n\tx-forwarded-scheme={scheme}\n\tx-real-ip={client}\n\tx-request-id={rid:032x}\n\tx-scheme={scheme}\n\nRequest Body:\n\t-no body in request-\n\n"
    )
}

impl Network for NetView<'_> {
    fn connect(&self, ip: Ipv4Addr, port: u16) -> Endpoint {
        let net = self.ip_net.get(&ip).map(String::as_str);
        if !reaches(self.era, self.from, net) {
            // docker's isolation drops what crosses between networks: a black hole
            return Endpoint::Dropped;
        }
        match self.lookup(ip) {
            None => Endpoint::Dropped,
            Some(Target::Node { cluster, node }) => {
                let n = &self.clusters[cluster].nodes[node];
                if !n.container_up {
                    return Endpoint::Dropped;
                }
                if let Some(c) = self.node_listener(cluster, node, port) {
                    return Endpoint::Listening(match (c.app, port) {
                        (App::IngressNginx, 443) => Listener::Https,
                        _ => Listener::Http,
                    });
                }
                if n.stale_hostports.contains(&port) {
                    return Endpoint::Dropped;
                }
                if port == 10250 && n.kubelet_alive() {
                    return Endpoint::Listening(Listener::Https);
                }
                if port == 6443 && n.role == Role::ControlPlane {
                    return Endpoint::Listening(Listener::Https);
                }
                Endpoint::Refused
            }
            Some(Target::Container(i)) => {
                let c = &self.containers[i];
                if !c.running() {
                    return Endpoint::Dropped;
                }
                match &c.role {
                    ContainerRole::KindLb { .. } if port == 6443 => {
                        Endpoint::Listening(Listener::Https)
                    }
                    _ => Endpoint::Refused,
                }
            }
        }
    }

    fn http(&self, ip: Ipv4Addr, port: u16, method: &str, path: &str) -> HttpReply {
        if let Some(Target::Node { cluster, node }) = self.lookup(ip) {
            if let Some(c) = self.node_listener(cluster, node, port) {
                if c.app == App::IngressNginx {
                    return self.nginx(cluster, c, port, method, path);
                }
            }
            let n = &self.clusters[cluster].nodes[node];
            if port == 6443 || port == 10250 {
                let _ = n;
                let body = "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/\\\"\",\n  \"reason\": \"Forbidden\",\n  \"details\": {},\n  \"code\": 403\n}";
                return HttpReply::new(403, body);
            }
        }
        HttpReply::new(404, NGINX_404)
    }
}

impl World {
    /// The network view at the current instant.
    pub(crate) fn net(&self) -> NetView<'_> {
        NetView {
            clusters: &self.clusters,
            containers: &self.containers,
            index: &self.ip_index,
            ip_net: &self.ip_net,
            from: From::Host,
            era: self.era,
            now: self.now,
            client: Ipv4Addr::new(172, 17, 0, 1),
            scheme: "http",
            request_id: 0,
        }
    }

    /// The network view from container `idx` (HAProxy proxying curl's request), or from the
    /// host (`None`), with the client address the servers see.
    pub(crate) fn net_from(
        &self,
        idx: Option<usize>,
        client: Ipv4Addr,
        scheme: &'static str,
        request_id: u128,
    ) -> NetView<'_> {
        NetView {
            from: match idx {
                Some(i) => From::Container(&self.containers[i].nets),
                None => From::Host,
            },
            client,
            scheme,
            request_id,
            ..self.net()
        }
    }
}
