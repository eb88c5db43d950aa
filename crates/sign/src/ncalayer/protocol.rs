//! The JSON NCALayer speaks for `kz.gov.pki.knca.basics` / `sign`.
//!
//! Request: `{"module":"kz.gov.pki.knca.basics","method":"sign","args":{"format":"cms",
//! "data":<base64>,"signingParams":{"decode":true,"encapsulate":false,"digested":false,
//! "tsaProfile":null},"signerParams":{"extKeyUsageOids":[],"chain":[]},"locale":"ru"}}`.
//! Replies: `{"status":true,"body":{"result":["<base64 CMS>"]}}` (or a bare string), a cancel is
//! `{"status":true,"body":{}}`, a failure `{"status":false,"code":"…","message":"…"}`. On connect
//! NCALayer greets with `{"result":{"version":"1.4"}}`; heartbeats are `--heartbeat--`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::{NcaLayerError, NcaLayerSignature};
use crate::certificate::CertificateInfo;
use crate::cms::{attributes, parse};
use crate::oids;

/// The module and method we call.
pub const MODULE: &str = "kz.gov.pki.knca.basics";

/// The request asking NCALayer to sign `content` as a detached CMS without a time-stamp.
pub fn sign_request(content: &[u8], locale: &str) -> String {
    json!({
        "module": MODULE,
        "method": "sign",
        "args": {
            "allowedStorages": Value::Null,
            "format": "cms",
            "data": STANDARD.encode(content),
            "signingParams": {
                "decode": true,
                "encapsulate": false,
                "digested": false,
                "tsaProfile": Value::Null,
            },
            "signerParams": { "extKeyUsageOids": [], "chain": [] },
            "locale": locale,
        }
    })
    .to_string()
}

/// What a message from NCALayer means.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// Greeting, heartbeat, keep-alive: wait for the next message.
    Ignore,
    /// The operator cancelled.
    Cancelled,
    /// A signature, DER.
    Signature(Vec<u8>),
}

/// Interprets one text message.
pub fn read_reply(text: &str) -> Result<Reply, NcaLayerError> {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Ok(Reply::Ignore); // "--heartbeat--" and the like
    };
    let Some(status) = value.get("status").and_then(Value::as_bool) else {
        return Ok(Reply::Ignore); // the version greeting, "{}" keep-alives
    };
    if !status {
        let code = value
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("UNKNOWN")
            .to_owned();
        return Err(NcaLayerError::Failed(code));
    }
    let result = value.get("body").and_then(|b| b.get("result"));
    let encoded = match result {
        None | Some(Value::Null) => return Ok(Reply::Cancelled),
        Some(Value::String(s)) => s.as_str(),
        Some(Value::Array(items)) => match items.first().and_then(Value::as_str) {
            Some(s) => s,
            None => return Ok(Reply::Cancelled),
        },
        Some(_) => return Err(NcaLayerError::BadReply),
    };
    let compact: String = encoded.split_whitespace().collect();
    let der = STANDARD
        .decode(compact)
        .map_err(|_| NcaLayerError::BadReply)?;
    Ok(Reply::Signature(der))
}

/// Checks that `cms` is a signature of `content` by a signing key and names its certificate.
pub fn check_signature(cms: Vec<u8>, content: &[u8]) -> Result<NcaLayerSignature, NcaLayerError> {
    let parsed = parse::parse(&cms).ok_or(NcaLayerError::BadReply)?;
    let cert = parse::signer_certificate(&parsed.signer, &parsed.certificates)
        .ok_or(NcaLayerError::BadReply)?;
    let certificate =
        CertificateInfo::from_certificate(cert).map_err(|_| NcaLayerError::BadReply)?;
    if certificate.is_authentication_only() {
        return Err(NcaLayerError::WrongKeyType);
    }
    let signed_digest = parsed
        .signer
        .signed_attrs
        .as_ref()
        .and_then(|attrs| attributes::single_value(attrs, oids::ATTR_MESSAGE_DIGEST))
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok());
    // GOST digests (Streebog) cannot be recomputed here; the server's verifier handles those.
    if let Some(expected) = crate::verify::crypto::digest(parsed.signer.digest_alg.oid, content)
        && signed_digest.as_ref().map(|d| d.as_bytes()) != Some(expected.as_slice())
    {
        return Err(NcaLayerError::BadReply);
    }
    // BER from NCALayer is normalised so the stored form is DER.
    let cms = crate::ber::to_der(&cms).unwrap_or(cms);
    Ok(NcaLayerSignature { cms, certificate })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_is_a_detached_cms_sign_call_of_the_basics_module() {
        let request: Value = serde_json::from_str(&sign_request(b"abc", "kk")).unwrap();
        assert_eq!(request["module"], "kz.gov.pki.knca.basics");
        assert_eq!(request["method"], "sign");
        assert_eq!(request["args"]["format"], "cms");
        assert_eq!(request["args"]["data"], "YWJj");
        assert_eq!(request["args"]["signingParams"]["encapsulate"], false);
        assert_eq!(request["args"]["locale"], "kk");
    }

    #[test]
    fn replies_are_told_apart() {
        assert_eq!(read_reply("--heartbeat--").unwrap(), Reply::Ignore);
        assert_eq!(
            read_reply(r#"{"result":{"version":"1.4"}}"#).unwrap(),
            Reply::Ignore
        );
        assert_eq!(
            read_reply(r#"{"status":true,"body":{}}"#).unwrap(),
            Reply::Cancelled
        );
        assert_eq!(
            read_reply(r#"{"status":true,"body":{"result":["AQI="]}}"#).unwrap(),
            Reply::Signature(vec![1, 2])
        );
        assert_eq!(
            read_reply(r#"{"status":true,"body":{"result":"AQI="}}"#).unwrap(),
            Reply::Signature(vec![1, 2])
        );
        assert_eq!(
            read_reply(r#"{"status":false,"code":"SIGNING_FAILURE","message":"x"}"#),
            Err(NcaLayerError::Failed("SIGNING_FAILURE".into()))
        );
    }
}
