//! The role matrix: every privileged command × every kind of person.

use coloop_e2e::harness::{Person, TestApp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Nobody,
    Member,
    Facilitator,
    OtherFacilitator,
    Coordinator,
}

const EVERYONE: [Who; 5] = [
    Who::Nobody,
    Who::Member,
    Who::Facilitator,
    Who::OtherFacilitator,
    Who::Coordinator,
];

/// What `who` gets for `command` in a world with the groups `water-access` and `housing`,
/// where "Facilitator" facilitates water-access and "OtherFacilitator" facilitates housing.
fn expected(command: &str, who: Who) -> (&'static str, Option<&'static str>) {
    match (command, who) {
        ("newgroup", Who::Coordinator) => ("Created the", None),
        ("newgroup", _) => ("only coordinators can do that", None),
        ("invite", Who::Coordinator) => ("Facilitator invite link", None),
        ("invite", Who::Facilitator) => ("Member invite link", Some("Facilitator invite link")),
        ("invite", _) => ("only the facilitators of <code>water-access</code>", None),
        // Allowed, and stopped only because the group has sent nothing to ask about yet.
        ("survey", Who::Facilitator | Who::Coordinator) => ("has not sent anything", None),
        ("survey", _) => ("only the facilitators of <code>water-access</code>", None),
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn privileged_commands_by_role() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let people: Vec<(Who, Person<'_>)> = vec![
        (Who::Nobody, app.user("Nadia")),
        (Who::Member, app.member_of("Mia", &water).await),
        (Who::Facilitator, app.facilitator_of("Fede", &water).await),
        (
            Who::OtherFacilitator,
            app.facilitator_of("Olga", &housing).await,
        ),
        (Who::Coordinator, app.coordinator("Carla").await),
    ];
    assert_eq!(people.len(), EVERYONE.len());

    for (who, person) in &people {
        for (command, text) in [
            (
                "newgroup",
                format!("/newgroup made-by-{} A new group", *who as u8),
            ),
            ("invite", "/invite water-access".to_owned()),
            (
                "survey",
                "/survey water-access Quick\nyesno: Ok?".to_owned(),
            ),
        ] {
            let (must, must_not) = expected(command, *who);
            let reply = person.says(&text).await.source_text.unwrap_or_default();
            assert!(
                reply.contains(must),
                "{who:?} {text}: expected {must:?}, got {reply:?}"
            );
            if let Some(never) = must_not {
                assert!(
                    !reply.contains(never),
                    "{who:?} {text}: must not see {never:?}: {reply:?}"
                );
            }
        }
    }
    // Only the coordinator's /newgroup created a group.
    assert_eq!(app.store.count_groups().await.unwrap(), 3);
}
