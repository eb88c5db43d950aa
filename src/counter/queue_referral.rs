//! The referral (жолдама / направление) of a preschool request whose child holds a place: the
//! kindergarten or mini-centre and the group from the cached queue's referred offer, named from
//! the reference data, valid until the day the server gave (or, for a referral issued offline
//! against a lease, the referral period counted in working days from the day it was issued).

use tereze_core::calendar::Calendar;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::queue::QueueRules;
use tereze_core::reference::{OrganisationKind as Kind, ReferenceData};
use tereze_core::store::{Request, Store};
use tereze_report::{Body, OrganisationKind, Referral};
use time::Date;

/// The referral of `request` when its child is referred in the cached queue, else `None`
/// (the document stays the registration talon).
pub fn body(
    store: &Store,
    request: &Request,
    number: &str,
    child_name: String,
    child_birth_date: Date,
) -> Result<Option<Body>, Localized> {
    let Some(cache) = store.queue_cache().map_err(|e| e.localized())? else {
        return Ok(None);
    };
    let Some(offer) = cache
        .snapshot
        .offers
        .iter()
        .rev()
        .find(|o| o.request_id == request.id && o.state == "referred")
    else {
        return Ok(None);
    };
    let valid_until = match offer.referral_until {
        Some(day) => day,
        None => {
            let rules = QueueRules::builtin().map_err(|e| e.localized())?;
            let calendar = Calendar::builtin().map_err(|e| e.localized())?;
            rules
                .terms
                .referral_valid_until(offer.respond_by, &calendar)
        }
    };
    let reference = ReferenceData::builtin().ok();
    let organisation = reference
        .as_ref()
        .and_then(|r| r.organisation(&offer.organisation_id));
    let group = reference.as_ref().and_then(|r| {
        r.groups
            .iter()
            .find(|g| g.id == offer.group_id)
            .map(|g| format!("{} / {}", g.name_kk, g.name_ru))
    });
    Ok(Some(Body::Referral(Referral {
        request_number: number.to_owned(),
        kind: match organisation.map(|o| o.kind) {
            Some(Kind::MiniCentre) => OrganisationKind::MiniCentre,
            _ => OrganisationKind::Kindergarten,
        },
        organisation: organisation.map_or_else(
            || offer.organisation_id.clone(),
            |o| format!("{} / {}", o.name_kk, o.name_ru),
        ),
        group: group.unwrap_or_else(|| offer.group_id.clone()),
        address: organisation.map(|o| o.address.clone()).unwrap_or_default(),
        valid_until,
        child_name,
        child_birth_date,
    })))
}
