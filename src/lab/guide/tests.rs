//! The guided labs run through the lab, their texts looked up in the content, and the rules'
//! messages matched with what the checks return.

use super::tuning::tuned_config;
use super::*;
use crate::lab::Lab;
use crate::sim::DEFAULT_SEED;

fn done(lab: &Lab) -> usize {
    lab.doc.guides["chapter"].done
}

/// Why the open step of guide `id` is not done, in English (as the panel shows it).
fn why_en(lab: &Lab, id: &str) -> String {
    let def = find(id).unwrap();
    let p = &lab.doc.guides[id];
    let why = p.why_not(def, &lab.session).unwrap();
    def.why_text(p.done, &why, Lang::En)
}
#[test]
fn the_chapter_walkthrough_typed() {
    let mut lab = Lab::new(DEFAULT_SEED);
    lab.open_guide("chapter");
    lab.run("sleep 5s");
    lab.update_guides();
    assert_eq!(done(&lab), 0);
    let def = find("chapter").unwrap();
    let p = &lab.doc.guides["chapter"];
    assert!(p.why_not(def, &lab.session).is_some());
    lab.answer_guide(0, "cluster01-worker3");
    assert_eq!(done(&lab), 0);
    let why = why_en(&lab, "chapter");
    assert!(why.contains("Not cluster01-worker3"), "{why}");
    lab.answer_guide(0, "cluster01-worker2");
    assert_eq!(done(&lab), 1);
    let why = why_en(&lab, "chapter");
    assert_eq!(why, "cluster01-worker2's kubelet is still running.");
    // the same message in Chinese, from the same guide file
    let p = &lab.doc.guides["chapter"];
    let w = p.why_not(def, &lab.session).unwrap();
    assert_eq!(
        def.why_text(p.done, &w, Lang::Zh),
        "cluster01-worker2 上的 kubelet 仍在运行。"
    );
    lab.run("docker exec cluster01-worker2 systemctl stop kubelet");
    lab.update_guides();
    assert_eq!(done(&lab), 2);
    lab.run("sleep 20s");
    lab.update_guides();
    assert_eq!(done(&lab), 2);
    assert!(why_en(&lab, "chapter").contains("still Ready"));
    lab.run("sleep 40s");
    lab.update_guides();
    // NotReady, and the pod still Running: two steps at once
    assert_eq!(done(&lab), 4);
    lab.run("kubectl delete pod nginx-ingress-controller-7d6bf88c86-r7ztq -n ingress-nginx");
    lab.update_guides();
    assert_eq!(done(&lab), 5);
    lab.run("sleep 20s");
    lab.update_guides();
    assert_eq!(done(&lab), 5, "the question is not answered yet");
    lab.answer_guide(5, "replicas");
    assert_eq!(done(&lab), 5);
    lab.answer_guide(5, "orphan");
    assert_eq!(done(&lab), 6);
    lab.run("docker exec cluster01-worker2 systemctl start kubelet");
    lab.update_guides();
    assert_eq!(done(&lab), 6, "worker2 is not DOWN yet");
    lab.run("sleep 30s");
    lab.update_guides();
    assert_eq!(done(&lab), 7);
    lab.run("kind delete cluster --name cluster01");
    lab.update_guides();
    assert_eq!(done(&lab), 7);
    lab.run("docker rm HAProxy-workers-lb --force");
    lab.update_guides();
    assert!(lab.doc.guides["chapter"].finished(def));
}

#[test]
fn out_of_order_and_other_ways_count_and_hints_escalate() {
    let mut lab = Lab::new(DEFAULT_SEED);
    lab.open_guide("chapter");
    // the kubelet stopped and time passed before the first question was answered
    lab.run("docker exec cluster01-worker2 systemctl stop kubelet");
    lab.advance(70_000);
    lab.update_guides();
    assert_eq!(done(&lab), 0);
    lab.answer_guide(0, "cluster01-worker2");
    assert_eq!(done(&lab), 4, "steps already true are done when reached");
    assert_eq!(lab.ask_hint(4), 1);
    assert_eq!(lab.ask_hint(4), 2);
    assert_eq!(lab.ask_hint(4), 2);
    let def = find("chapter").unwrap();
    let f = &lab.doc.guides["chapter"].facts;
    assert_eq!(
        def.steps[4].command_for(f),
        "kubectl delete pod nginx-ingress-controller-7d6bf88c86-r7ztq -n ingress-nginx"
    );
}

#[test]
fn the_tuning_lab_measures_what_the_rule_says() {
    let mut lab = Lab::new(DEFAULT_SEED);
    lab.run("sleep 30s");
    lab.open_guide("tuning");
    let done = |lab: &Lab| lab.doc.guides["tuning"].done;
    lab.answer_guide(0, "abc");
    assert_eq!(done(&lab), 0);
    lab.answer_guide(0, "3.5");
    assert_eq!(done(&lab), 1);
    let def = find("tuning").unwrap();
    let why = why_en(&lab, "tuning");
    assert!(why.contains("still runs with inter 2s fall 3"), "{why}");
    let cmd = def.steps[1].command_for(&lab.doc.guides["tuning"].facts);
    // the same change made as the editor would (a heredoc), then a restart
    let cfg = lab
        .session
        .haproxy_config()
        .unwrap()
        .replace("check port 80", "check port 80 inter 1s fall 2");
    let e = lab.run(&format!("cat > ~/haproxy/haproxy.cfg <<'EOF'\n{cfg}EOF"));
    assert!(e.ok, "{}", e.output);
    lab.run("docker restart HAProxy-workers-lb");
    lab.update_guides();
    assert_eq!(done(&lab), 2, "{cmd}");
    lab.advance(10_000);
    lab.run("docker stop cluster01-worker2");
    lab.update_guides();
    assert_eq!(done(&lab), 3);
    for _ in 0..40 {
        lab.step_to_next_event();
        lab.update_guides();
    }
    assert_eq!(done(&lab), 4);
    let r = tuning_result(&lab.doc.guides["tuning"], &lab.session).unwrap();
    assert_eq!(r.predicted_s, Some(3.5));
    assert_eq!(r.rule_ms, 3000);
    // the wait for the first check comes on top of the rule: at most one inter
    assert!(
        r.measured_ms >= r.rule_ms && r.measured_ms <= r.rule_ms + 1000 + 50,
        "{r:?}"
    );
}

#[test]
fn the_tuning_labs_hint_command_runs_in_the_lab() {
    let mut lab = Lab::new(DEFAULT_SEED);
    lab.open_guide("tuning");
    lab.answer_guide(0, "3");
    let def = find("tuning").unwrap();
    let cmd = def.steps[1].command_in(&lab.doc.guides["tuning"].facts, &lab.session);
    let e = lab.run(&cmd);
    assert!(e.ok, "{cmd}\n{}", e.output);
    lab.update_guides();
    assert_eq!(lab.doc.guides["tuning"].done, 2, "{cmd}");
    let cfg = lab.session.haproxy_config().unwrap();
    assert_eq!(
        cfg.matches("check port 80 inter 1s fall 2\n").count(),
        6,
        "{cfg}"
    );
    // settings already there are replaced, not repeated
    assert_eq!(
        tuned_config(
            "  server a $worker1:80 check inter 5s port 80 fall 9\n",
            2,
            3
        ),
        "  server a $worker1:80 check port 80 inter 2s fall 3\n"
    );
}

#[test]
fn every_hint_command_of_the_chapter_and_tuning_labs_is_accepted() {
    for id in ["chapter", "tuning"] {
        let def = find(id).unwrap();
        for (i, step) in def.steps.iter().enumerate() {
            if step.command.is_empty() {
                continue;
            }
            // each command on a fresh lab, as far as it can run there: none is unknown
            let mut lab = Lab::new(DEFAULT_SEED);
            lab.open_guide(id);
            let cmd = step.command_in(&lab.doc.guides[id].facts, &lab.session);
            let e = lab.run(&cmd);
            assert!(
                !e.output.contains("command not found"),
                "{id} step {}: {cmd}\n{}",
                i + 1,
                e.output
            );
        }
    }
}

#[test]
fn the_storage_lab_follows_a_claim_and_its_node() {
    let mut lab = Lab::new(DEFAULT_SEED);
    lab.open_guide("storage");
    let def = find("storage").unwrap();
    let done = |lab: &Lab| lab.doc.guides["storage"].done;
    let cmd = |lab: &Lab, i: usize| {
        def.steps[i].command_in(&lab.doc.guides["storage"].facts, &lab.session)
    };
    let c = cmd(&lab, 0);
    assert!(lab.run(&c).ok, "{c}");
    lab.update_guides();
    assert_eq!(done(&lab), 1);
    lab.answer_guide(1, "no-pv");
    assert_eq!(done(&lab), 1);
    lab.answer_guide(1, "wffc");
    assert_eq!(done(&lab), 2);
    let c = cmd(&lab, 2);
    assert!(lab.run(&c).ok, "{c}");
    lab.update_guides();
    assert_eq!(done(&lab), 3);
    lab.advance(15_000);
    lab.update_guides();
    assert_eq!(done(&lab), 4);
    let stop = cmd(&lab, 4);
    let node = stop.split_whitespace().nth(2).unwrap().to_string();
    assert!(lab.run(&stop).ok);
    lab.advance(60_000);
    lab.update_guides();
    assert_eq!(done(&lab), 4);
    let why = why_en(&lab, "storage");
    assert!(why.contains("No replacement pod"), "{why}");
    let pod = lab
        .session
        .pods()
        .into_iter()
        .find(|p| p.name.starts_with("web-") && p.node.as_deref() == Some(node.as_str()))
        .unwrap();
    lab.run(&format!("kubectl delete pod {}", pod.name));
    lab.advance(2_000);
    lab.answer_guide(4, "affinity");
    assert_eq!(done(&lab), 5);
    lab.run("kubectl delete deployment web");
    lab.run("kubectl delete pvc data");
    lab.advance(5_000);
    lab.update_guides();
    assert_eq!(
        done(&lab),
        5,
        "the old pod holds the claim while its kubelet is away"
    );
    lab.run(&format!("docker exec {node} systemctl start kubelet"));
    lab.advance(20_000);
    lab.update_guides();
    assert!(
        lab.doc.guides["storage"].finished(def),
        "{:?}",
        lab.doc.guides["storage"].why_not(def, &lab.session)
    );
}

#[test]
fn stopping_the_container_is_not_the_chapters_way() {
    let mut lab = Lab::new(DEFAULT_SEED);
    lab.open_guide("chapter");
    lab.answer_guide(0, "cluster01-worker2");
    lab.run("docker stop cluster01-worker2");
    lab.update_guides();
    assert_eq!(done(&lab), 1);
    let why = why_en(&lab, "chapter");
    assert!(why.contains("node container is stopped"), "{why}");
}

/// The source of each guide's definitions, by guide id.
fn sources() -> Vec<(&'static str, &'static str)> {
    vec![
        ("chapter", include_str!("chapter.rs")),
        ("storage", include_str!("storage.rs")),
        ("tuning", include_str!("tuning.rs")),
    ]
}

/// Every quoted string after `marker` in `text`: `Why::new("x")` -> x.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &text[i + marker.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

#[test]
fn every_message_a_check_returns_is_declared_by_its_step() {
    // read from the sources: each step's block, from its `StepDef {` to the next one, names
    // its messages with `Why::new("…")` and their placeholders with `.arg("…"`
    for (id, src) in sources() {
        let def = find(id).unwrap();
        let blocks: Vec<&str> = src.split("StepDef {").skip(1).collect();
        assert_eq!(blocks.len(), def.steps.len(), "{id}: one block per step");
        for (step, block) in def.steps.iter().zip(blocks) {
            assert_eq!(
                quoted_after(block, "id: \""),
                vec![step.id],
                "{id}: the steps' blocks in order"
            );
            let used = quoted_after(block, "Why::new(\"");
            assert!(!used.is_empty(), "{id}/{}: its check says why", step.id);
            for m in &used {
                assert!(
                    step.why.iter().any(|(d, _)| d == m),
                    "{id}/{}: the check returns `{m}`, which the step does not declare",
                    step.id
                );
            }
            for (m, args) in step.why {
                assert!(
                    used.contains(m),
                    "{id}/{}: `{m}` is declared but no check returns it",
                    step.id
                );
                for a in *args {
                    assert!(
                        block.contains(&format!(".arg(\"{a}\"")),
                        "{id}/{}: `{m}` declares {{{a}}}, which the check never fills in",
                        step.id
                    );
                }
            }
            for a in quoted_after(block, ".arg(\"") {
                assert!(
                    step.why.iter().any(|(_, args)| args.contains(&a)),
                    "{id}/{}: the check fills in {{{a}}}, which no message declares",
                    step.id
                );
            }
        }
    }
}

#[test]
fn every_step_and_message_has_its_text_in_both_languages() {
    // the built-in content (content/guides/) against the definitions; `kindlab check` says
    // the same with the files' lines (check.rs)
    let b = crate::content::bundle();
    for id in GUIDES {
        let def = find(id).unwrap();
        let g = b
            .guide(id)
            .unwrap_or_else(|| panic!("content/guides/{id}.toml"));
        for lang in Lang::ALL {
            assert!(!g.title.get(lang).is_empty() && !g.intro.get(lang).is_empty());
        }
        for step in &def.steps {
            let t = g
                .step(step.id)
                .unwrap_or_else(|| panic!("{id}: no texts for the step `{}`", step.id));
            assert_eq!(t.ask.is_some(), step.ask.is_some(), "{id}/{}", step.id);
            if let Some(Answers::Listed(values)) = step.ask {
                for v in values {
                    assert!(t.option(v).is_some(), "{id}/{}: no label for {v}", step.id);
                }
            }
            for (m, args) in step.why {
                let text = t
                    .why(m)
                    .unwrap_or_else(|| panic!("{id}/{}: no text for `{m}`", step.id));
                for lang in Lang::ALL {
                    let s = text.get(lang);
                    assert!(!s.is_empty(), "{id}/{}/{m} {lang:?}", step.id);
                    for p in model::placeholders(s) {
                        assert!(args.contains(&p), "{id}/{}/{m}: {{{p}}}", step.id);
                    }
                }
            }
        }
    }
}

#[test]
fn a_missing_text_shows_its_ids_not_nothing() {
    let def = GuideDef {
        id: "no-such-guide",
        steps: vec![],
    };
    assert_eq!(def.title(Lang::En), "no-such-guide");
    let why = Why::new("still-up").arg("server", "worker2");
    assert_eq!(
        def.why_text(0, &why, Lang::Zh),
        "still-up (server: worker2)"
    );
    let step = &find("chapter").unwrap().steps[6];
    assert!(step.declares(&why));
    assert!(!step.declares(&Why::new("still-up")));
}
