use super::*;
use ratatui::crossterm::event::KeyCode;

fn key(name: &str) -> Key {
    Key::parse(name).unwrap()
}

/// Every scope's defaults, key by key: what a user presses and what it does.
#[test]
fn every_scope_resolves_its_default_keys() {
    use Intent::*;
    let map = Keymap::default();
    let tables: &[(Scope, &[(&str, Intent)])] = &[
        (
            Scope::Main,
            &[
                ("j", Down),
                ("↓", Down),
                ("Down", Down),
                ("k", Up),
                ("↑", Up),
                ("g", Top),
                ("Home", Top),
                ("G", Bottom),
                ("End", Bottom),
                ("PgUp", PageUp),
                ("PgDn", PageDown),
                ("Tab", NextPane),
                ("Shift-Tab", PrevPane),
                ("/", Filter),
                ("Enter", Open),
                ("space", Pin),
                ("N", Neighbours),
                ("x", ClearPins),
                ("←", Earlier),
                ("h", Earlier),
                ("→", Later),
                ("l", Later),
                ("+", ZoomIn),
                ("=", ZoomIn),
                ("-", ZoomOut),
                ("0", ZoomReset),
                ("s", Sort),
                ("r", Region),
                ("R", RegionBack),
                ("n", Context),
                ("t", Transitions),
                ("e", Export),
                ("y", CopyLink),
                ("?", Help),
                ("Esc", Reset),
                ("q", Quit),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Filter,
            &[
                ("Enter", Keep),
                ("Esc", ClearFilter),
                ("↑", Up),
                ("↓", Down),
                ("←", CharLeft),
                ("→", CharRight),
                ("Home", LineStart),
                ("Ctrl-A", LineStart),
                ("End", LineEnd),
                ("Ctrl-E", LineEnd),
                ("Backspace", DeleteBack),
                ("Delete", DeleteForward),
                ("Ctrl-U", DeleteToStart),
                ("Ctrl-W", DeleteWord),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Export,
            &[
                ("Enter", Write),
                ("Tab", NextFormat),
                ("Ctrl-T", ToggleStrips),
                ("Shift-Tab", PrevFormat),
                ("Esc", Close),
                ("Ctrl-U", DeleteToStart),
                ("Home", LineStart),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Overwrite,
            &[
                ("y", Overwrite),
                ("n", Back),
                ("Esc", Back),
                ("q", Back),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Council,
            &[
                ("Esc", Close),
                ("q", Close),
                ("space", Pin),
                ("N", Neighbours),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Rating,
            &[
                ("Esc", Close),
                ("q", Close),
                ("y", CopyLink),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Context,
            &[
                ("Esc", Close),
                ("q", Close),
                ("n", Close),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (
            Scope::Help,
            &[
                ("Esc", Close),
                ("q", Close),
                ("?", Close),
                ("j", Down),
                ("k", Up),
                ("PgDn", PageDown),
                ("PgUp", PageUp),
                ("g", Top),
                ("G", Bottom),
                ("Ctrl-C", ForceQuit),
            ],
        ),
        (Scope::Loading, &[("q", Quit), ("Ctrl-C", ForceQuit)]),
    ];
    for (scope, table) in tables {
        for (name, intent) in *table {
            assert_eq!(
                map.resolve(key(name), *scope),
                Some(*intent),
                "{scope:?} {name}"
            );
        }
    }
    assert_eq!(map.resolve(key("z"), Scope::Main), None);
    assert_eq!(
        map.resolve(key("Ctrl-J"), Scope::Main),
        None,
        "Ctrl-j is not j"
    );
    assert_eq!(map.resolve(key("q"), Scope::Filter), None, "q types");
    assert_eq!(map.resolve(key("q"), Scope::Export), None, "q types");
    assert_eq!(map.resolve(key("x"), Scope::Help), None);
}

#[test]
fn no_scope_binds_a_default_key_twice() {
    assert!(Keymap::with_overrides(&BTreeMap::new()).is_ok());
}

#[test]
fn every_default_key_name_parses() {
    for scope in Scope::ALL {
        for binding in scope.bindings() {
            for name in binding.keys {
                assert!(Key::parse(name).is_some(), "{scope:?} {name}");
                assert_eq!(Key::parse(name).unwrap().label(), *name, "one spelling");
            }
        }
    }
}

#[test]
fn an_override_replaces_the_default_keys_of_that_action_in_its_scope() {
    let overrides = BTreeMap::from([
        ("down".to_owned(), vec!["J".to_owned()]),
        ("help.close".to_owned(), vec!["F1".to_owned()]),
        (
            "prev-pane".to_owned(),
            vec!["Shift-Tab".to_owned(), "Alt-x".to_owned()],
        ),
        (
            "filter".to_owned(),
            vec!["Ctrl-P".to_owned(), "F5".to_owned()],
        ),
    ]);
    let map = Keymap::with_overrides(&overrides).unwrap();
    assert_eq!(map.resolve(key("J"), Scope::Main), Some(Intent::Down));
    assert_eq!(map.resolve(key("j"), Scope::Main), None);
    assert_eq!(
        map.resolve(key("j"), Scope::Help),
        Some(Intent::Down),
        "other scopes keep theirs"
    );
    assert_eq!(map.resolve(key("F1"), Scope::Help), Some(Intent::Close));
    assert_eq!(map.resolve(key("q"), Scope::Help), None);
    assert_eq!(
        map.resolve(key("Alt-x"), Scope::Main),
        Some(Intent::PrevPane)
    );
    assert_eq!(
        map.resolve(key("Ctrl-P"), Scope::Main),
        Some(Intent::Filter)
    );
    assert_eq!(map.label(Scope::Main, Intent::Filter), "Ctrl-P F5");
}

#[test]
fn an_unbound_action_says_so() {
    let overrides = BTreeMap::from([("pin".to_owned(), vec![])]);
    let map = Keymap::with_overrides(&overrides).unwrap();
    assert_eq!(map.label(Scope::Main, Intent::Pin), "unbound");
    assert!(map.hints(Scope::Main).iter().all(|h| h.1 != "pin"));
}

#[test]
fn a_clash_an_unknown_name_or_a_typed_key_is_an_error_naming_what_the_config_wrote() {
    let error = |pairs: &[(&str, &[&str])]| {
        let map: BTreeMap<String, Vec<String>> = pairs
            .iter()
            .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
            .collect();
        Keymap::with_overrides(&map).unwrap_err()
    };
    let clash = error(&[("help", &["q"])]);
    assert_eq!(
        clash.to_string(),
        "key \"q\" is bound to both \"quit\" and \"help\" in the main screen"
    );
    assert_eq!(clash.place(), ("help", Some("q")));
    let scoped = error(&[("help.top", &["Esc"])]);
    assert_eq!(
        scoped.to_string(),
        "key \"Esc\" is bound to both \"help.close\" and \"help.top\" in the help"
    );
    let unknown = error(&[("jump", &["x"])]);
    assert!(
        unknown
            .to_string()
            .starts_with("unknown action \"jump\" in keys; main-screen actions are: up, down"),
        "{unknown}"
    );
    let unknown_scoped = error(&[("help.jump", &["x"])]);
    assert!(
        unknown_scoped
            .to_string()
            .contains("the help has: help.close"),
        "{unknown_scoped}"
    );
    let bad_key = error(&[("quit", &["Hyper-Q"])]);
    assert!(
        bad_key
            .to_string()
            .starts_with("unknown key \"Hyper-Q\" for action \"quit\"")
    );
    let twice = error(&[("pin", &["p"]), ("main.pin", &["P"])]);
    assert_eq!(
        twice.to_string(),
        "\"pin\" is given keys twice in the config (also as \"main.pin\")"
    );
    let as_written = error(&[("help.close", &["q"]), ("main.pin", &["q"])]);
    assert_eq!(as_written.place(), ("main.pin", Some("q")));
    let typed = error(&[("filter.keep", &["k"])]);
    assert!(
        typed
            .to_string()
            .contains("would stop it being typed in the filter"),
        "{typed}"
    );
    assert_eq!(key("Ctrl-←").code, KeyCode::Left);
}

#[test]
fn the_footer_hints_name_the_first_key_of_each_intent() {
    let hints = Keymap::default().hints(Scope::Main);
    assert_eq!(hints[0], ("↑↓".to_owned(), "move", 2));
    assert!(
        hints
            .iter()
            .any(|h| h.0 == "?" && h.1 == "help" && h.2 == 0)
    );
    assert!(
        hints
            .iter()
            .any(|h| h.0 == "q" && h.1 == "quit" && h.2 == 0)
    );
    for scope in Scope::ALL {
        assert!(!Keymap::default().hints(scope).is_empty(), "{scope:?}");
    }
}
