//! The canonical bytes of a request are pinned by a committed vector file: the workstation that
//! signs and the server that verifies must never drift apart, whatever version each runs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use tereze_core::canonical::{AttachmentDigest, SignedRequest};
use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::Iin;
use uuid::Uuid;

const VECTORS: &str = include_str!("vectors/canonical-request.json");

#[test]
fn canonical_bytes_match_the_committed_vectors() {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= 2);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let fields: FieldValues = input["fields"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        let attachments: Vec<AttachmentDigest> = input["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| AttachmentDigest {
                slot: a["slot"].as_str().unwrap().to_owned(),
                sha256: a["sha256"].as_str().unwrap().to_owned(),
            })
            .collect();
        let request = SignedRequest {
            id: Uuid::parse_str(input["id"].as_str().unwrap()).unwrap(),
            version: input["version"].as_i64().unwrap(),
            service_id: input["service"].as_str().unwrap(),
            profile: input["profile"].as_str().unwrap(),
            channel: Channel::parse(input["channel"].as_str().unwrap()).unwrap(),
            operator_iin: Iin::parse(input["operator_iin"].as_str().unwrap()).unwrap(),
            fields: &fields,
            attachments: &attachments,
        };
        let bytes = String::from_utf8(request.bytes()).unwrap();
        assert_eq!(
            bytes,
            case["canonical"].as_str().unwrap(),
            "case {name}: canonical bytes drifted"
        );
        assert_eq!(
            hex::encode(request.digest()),
            case["sha256"].as_str().unwrap(),
            "case {name}: digest drifted"
        );
    }
}
