//! docker's networks: `docker network ls|inspect|connect|disconnect`, `docker run --network`,
//! `docker inspect`'s networks, and who reaches whom. In the current era (kind >= 0.8) HAProxy
//! started the chapter's way sits on the default bridge and every server is DOWN (`Layer4
//! timeout`: docker drops what crosses between networks) until it joins `kind`; in the chapter's
//! era it reaches the nodes as printed.

use kindlab::sim::haproxy::ServerState;
use kindlab::sim::world::CHAPTER_HAPROXY_CFG;
use kindlab::sim::{KindEra, Session, SessionOptions};

const LB: &str = "HAProxy-workers-lb";
const RUN_KIND: &str = "docker run --name HAProxy-workers-lb --network kind -d -p 80:80 -p 443:443 -v ~/haproxy:/usr/local/etc/haproxy:ro haproxy -f /usr/local/etc/haproxy/haproxy.cfg";

fn session(era: KindEra) -> Session {
    Session::new(SessionOptions {
        kind_era: era,
        ..SessionOptions::default()
    })
}

/// Each server's (backend/name, state, last check's reason).
fn servers(s: &Session) -> Vec<(String, ServerState, String)> {
    s.haproxy_servers()
        .into_iter()
        .map(|v| {
            (
                format!("{}/{}", v.backend, v.name),
                v.state,
                v.last_check.map(|c| c.reason).unwrap_or_default(),
            )
        })
        .collect()
}

/// Every server DOWN after a check that timed out (a black hole).
fn all_black_holed(s: &Session) {
    let v = servers(s);
    assert_eq!(v.len(), 6, "{v:?}");
    for (name, state, reason) in &v {
        assert_eq!(*state, ServerState::Down, "{name}: {v:?}");
        assert!(reason.starts_with("Layer4 timeout"), "{name}: {reason}");
    }
}

/// The chapter's picture: worker2 (NGINX's node) UP in each backend, the others refused.
fn only_worker2_up(s: &Session) {
    for (name, state, reason) in servers(s) {
        if name.ends_with("/worker2") {
            assert_eq!(state, ServerState::Up, "{name}: {reason}");
        } else {
            assert_eq!(state, ServerState::Down, "{name}");
            assert!(reason.contains("Connection refused"), "{name}: {reason}");
        }
    }
}

#[test]
fn network_ls_lists_dockers_networks_and_kinds_sorted_by_name() {
    let mut s = session(KindEra::Chapter);
    let (out, ok) = s.run_status("docker network ls");
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "NETWORK ID     NAME     DRIVER   SCOPE");
    let rows: Vec<Vec<&str>> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let names: Vec<(&str, &str)> = rows.iter().map(|r| (r[1], r[2])).collect();
    assert_eq!(
        names,
        [
            ("bridge", "bridge"),
            ("host", "host"),
            ("kind", "bridge"),
            ("none", "null")
        ]
    );
    for r in &rows {
        assert_eq!(r[0].len(), 12, "{r:?}");
        assert!(r[0].chars().all(|c| c.is_ascii_hexdigit()), "{r:?}");
        assert_eq!(r[3], "local");
    }
    let ids = s.run("docker network ls -q");
    assert_eq!(ids.lines().count(), 4);
    // deterministic: another seed, the same ids
    let other = Session::new(SessionOptions {
        seed: 7,
        ..SessionOptions::default()
    })
    .run("docker network ls -q");
    assert_eq!(ids, other);
    assert_eq!(
        s.run("docker network ls --filter name=ki").lines().count(),
        2
    );
    assert!(s.show("docker network ls").is_some_and(|o| o == out));
}

#[test]
fn network_inspect_shows_the_containers_and_their_addresses() {
    let mut s = session(KindEra::Chapter);
    let kind = s.run("docker network inspect kind");
    assert!(
        kind.starts_with("[\n    {\n        \"Name\": \"kind\",\n        \"Id\": \""),
        "{kind}"
    );
    assert!(
        kind.contains(
            "\"Subnet\": \"172.18.0.0/16\",\n                    \"Gateway\": \"172.18.0.1\""
        ),
        "{kind}"
    );
    for n in s.nodes() {
        let ip = s
            .run(&format!(
                "docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' {}",
                n.name
            ))
            .trim()
            .to_string();
        assert!(
            kind.contains(&format!("\"Name\": \"{}\"", n.name)),
            "{}",
            n.name
        );
        assert!(
            kind.contains(&format!("\"IPv4Address\": \"{ip}/16\"")),
            "{ip}"
        );
    }
    assert!(!kind.contains(LB), "HAProxy is on the default bridge");
    let bridge = s.run("docker network inspect bridge");
    assert!(bridge.contains(&format!("\"Name\": \"{LB}\"")), "{bridge}");
    assert!(bridge.contains("\"com.docker.network.bridge.name\": \"docker0\""));
    let (out, ok) = s.run_status("docker network inspect nope");
    assert_eq!(
        (out.as_str(), ok),
        (
            "[]\nError response from daemon: network nope not found\n",
            false
        )
    );
    let (both, ok) = s.run_status("docker network inspect host none");
    assert!(ok);
    assert_eq!(both.matches("\"Containers\": {}").count(), 2, "{both}");
    assert_eq!(
        s.run("docker network inspect -f '{{.Driver}}' none"),
        "null\n"
    );
}

#[test]
fn connect_and_disconnect_answer_as_docker_does() {
    let mut s = session(KindEra::Chapter);
    let id = s
        .run(&format!("docker inspect -f '{{{{.Id}}}}' {LB}"))
        .trim()
        .to_string();
    let (out, ok) = s.run_status(&format!(
        "docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' {LB}"
    ));
    assert!(!ok);
    assert!(
        out.contains("nil pointer evaluating *network.EndpointSettings.IPAddress"),
        "{out}"
    );
    for (line, want, ok) in [
        (format!("docker network connect kind {LB}"), String::new(), true),
        (
            format!("docker network connect kind {LB}"),
            format!("Error response from daemon: endpoint with name {LB} already exists in network kind\n"),
            false,
        ),
        (
            format!("docker network connect nope {LB}"),
            "Error response from daemon: network nope not found\n".into(),
            false,
        ),
        (
            "docker network connect kind nobody".into(),
            "Error response from daemon: No such container: nobody\n".into(),
            false,
        ),
        (
            format!("docker network connect host {LB}"),
            "Error response from daemon: container cannot be disconnected from host network or connected to host network\n".into(),
            false,
        ),
        (format!("docker network disconnect kind {LB}"), String::new(), true),
        (
            format!("docker network disconnect kind {LB}"),
            format!("Error response from daemon: container {id} is not connected to the network kind\n"),
            false,
        ),
        (
            "docker network connect kind".into(),
            "\"docker network connect\" requires exactly 2 arguments.\nSee 'docker network connect --help'.\n\nUsage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\nConnect a container to a network\n".into(),
            false,
        ),
    ] {
        let (out, success) = s.run_status(&line);
        assert_eq!((out.as_str(), success), (want.as_str(), ok), "{line}");
    }
}

#[test]
fn docker_inspect_shows_every_network_a_container_is_on() {
    let mut s = session(KindEra::Current);
    s.run(&format!("docker network connect kind {LB}"));
    let out = s.run(&format!("docker inspect {LB}"));
    let bridge = out.find("\"bridge\": {").expect("bridge");
    let kind = out.find("\"kind\": {").expect("kind");
    assert!(bridge < kind, "sorted by name: {out}");
    let kind_ip = s.run(&format!(
        "docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' {LB}"
    ));
    let kind_ip = kind_ip.trim();
    assert!(kind_ip.starts_with("172.18.0."), "{kind_ip}");
    let all = s.run(&format!("docker inspect -f '{{{{range .NetworkSettings.Networks}}}}{{{{.IPAddress}}}}{{{{end}}}}' {LB}"));
    assert!(
        all.starts_with("172.17.0.") && all.trim_end().ends_with(kind_ip),
        "{all}"
    );
    let view = s
        .containers()
        .into_iter()
        .find(|c| c.name == LB)
        .expect("HAProxy");
    let names: Vec<&str> = view.networks.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["bridge", "kind"]);
    assert_eq!(view.networks[1].1, kind_ip);
    assert_eq!(s.kind_era(), KindEra::Current);
    // the address is taken on kind: no node has it
    assert!(s.nodes().iter().all(|n| n.ip != kind_ip));
    assert!(s
        .run("docker network inspect kind")
        .contains(&format!("\"IPv4Address\": \"{kind_ip}/16\"")));
}

#[test]
fn current_era_haproxy_off_the_kind_network_sees_black_holes_until_it_joins() {
    let mut s = session(KindEra::Current);
    s.advance(10_000);
    all_black_holed(&s);
    let logs = s.run(&format!("docker logs {LB}"));
    assert_eq!(logs.matches("reason: Layer4 timeout").count(), 6, "{logs}");
    assert!(
        s.run("curl -s http://localhost/").contains("503"),
        "no server available"
    );
    let (out, ok) = s.run_status(&format!("docker network connect kind {LB}"));
    assert_eq!((out.as_str(), ok), ("", true));
    // rise 2, inter 2 s: two passed checks, the first at the next scheduled check
    s.advance(8_000);
    only_worker2_up(&s);
    let echo = s.run("curl -s http://localhost/echo");
    assert!(echo.contains("Hostname: "), "{echo}");
    // NGINX sees HAProxy's address on kind
    let kind_ip = s.run(&format!(
        "docker inspect -f '{{{{.NetworkSettings.Networks.kind.IPAddress}}}}' {LB}"
    ));
    assert!(
        echo.contains(&format!("x-forwarded-for={}", kind_ip.trim())),
        "{echo}"
    );
    // and leaving kind again makes the black holes come back
    s.run(&format!("docker network disconnect kind {LB}"));
    s.advance(12_000);
    all_black_holed(&s);
}

#[test]
fn current_era_recreating_haproxy_with_network_kind_fixes_it() {
    let mut s = session(KindEra::Current);
    s.advance(10_000);
    all_black_holed(&s);
    s.run(&format!("docker rm -f {LB}"));
    let (out, ok) = s.run_status(RUN_KIND);
    assert!(ok, "{out}");
    assert_eq!(out.trim().len(), 64, "{out}");
    s.advance(8_000);
    only_worker2_up(&s);
    let bridge = s.run("docker network inspect bridge");
    assert!(!bridge.contains(LB), "only on kind now: {bridge}");
}

#[test]
fn chapter_era_works_as_printed_with_or_without_network_kind() {
    let mut s = session(KindEra::Chapter);
    s.advance(10_000);
    only_worker2_up(&s);
    s.run(&format!("docker rm -f {LB}"));
    assert!(s.run_status(RUN_KIND).1);
    s.advance(8_000);
    only_worker2_up(&s);
}

#[test]
fn network_none_reaches_nothing_in_either_era_and_host_reaches_everything() {
    for era in [KindEra::Chapter, KindEra::Current] {
        let mut s = session(era);
        s.run(&format!("docker rm -f {LB}"));
        assert!(
            s.run_status(&RUN_KIND.replace("--network kind", "--network none"))
                .1
        );
        s.advance(10_000);
        all_black_holed(&s);
        s.run(&format!("docker rm -f {LB}"));
        let (out, ok) = s.run_status(&RUN_KIND.replace("--network kind", "--network host"));
        assert!(ok, "{out}");
        assert!(
            out.starts_with(
                "WARNING: Published ports are discarded when using host network mode\n"
            ),
            "{out}"
        );
        s.advance(8_000);
        only_worker2_up(&s);
        assert!(
            s.run("curl -s http://localhost/echo")
                .contains("Hostname: "),
            "{era:?}"
        );
    }
    let mut s = session(KindEra::Chapter);
    s.run(&format!("docker rm -f {LB}"));
    let (out, ok) = s.run_status(&RUN_KIND.replace("--network kind", "--network nope"));
    assert!(!ok);
    assert!(
        out.starts_with("docker: Error response from daemon: network nope not found."),
        "{out}"
    );
}

#[test]
fn chapter_era_leaving_the_default_bridge_cuts_haproxy_off() {
    let mut s = session(KindEra::Chapter);
    s.advance(10_000);
    only_worker2_up(&s);
    assert!(
        s.run_status(&format!("docker network disconnect bridge {LB}"))
            .1
    );
    s.advance(12_000);
    all_black_holed(&s);
}

#[test]
fn every_constructor_takes_the_era() {
    let opts = SessionOptions {
        kind_era: KindEra::Current,
        ..SessionOptions::default()
    };
    let mut built = Session::build(opts.clone(), 3, &[1], CHAPTER_HAPROXY_CFG);
    built.advance(10_000);
    all_black_holed(&built);
    let config = include_str!("../../content/lab/cluster01.yaml");
    let mut topo =
        Session::from_topology(opts, config, CHAPTER_HAPROXY_CFG).expect("the chapter's topology");
    topo.advance(10_000);
    all_black_holed(&topo);
    assert_eq!(KindEra::default(), KindEra::Chapter);
    assert_eq!(SessionOptions::default().kind_era, KindEra::Chapter);
    assert_eq!(KindEra::parse("current"), Some(KindEra::Current));
    assert_eq!(KindEra::parse("chapter"), Some(KindEra::Chapter));
    assert_eq!(KindEra::parse("v0.8"), None);
}
