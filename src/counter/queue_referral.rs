//! The referral (жолдама / направление) of a preschool request whose child holds a place: the
//! kindergarten or mini-centre and the group from the cached queue's referred offer, named from
//! the store's reference data (the server's once synced; the built-in set fills gaps), valid until the day the server gave (or, for a referral issued offline
//! against a lease, the referral period counted in working days from the day it was issued).

use tereze_core::calendar::Calendar;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::queue::QueueRules;
use tereze_core::reference::{OrganisationKind as Kind, ReferenceData};
use tereze_core::store::{BilingualName, OrganisationCard, Request, Store};
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
    // The store's reference data (the server's once synced) names the place; the built-in set
    // fills what it does not know.
    let builtin = ReferenceData::builtin().ok();
    let card = match store
        .organisation_card(&offer.organisation_id)
        .map_err(|e| e.localized())?
    {
        Some(card) => Some(card),
        None => builtin
            .as_ref()
            .and_then(|r| r.organisation(&offer.organisation_id))
            .map(|o| OrganisationCard {
                kind: o.kind,
                name: BilingualName {
                    kk: o.name_kk.clone(),
                    ru: o.name_ru.clone(),
                },
                address: o.address.clone(),
            }),
    };
    let group = super::queue::names(store)?
        .group(&offer.group_id)
        .map(|g| format!("{} / {}", g.name.kk, g.name.ru));
    Ok(Some(Body::Referral(Referral {
        request_number: number.to_owned(),
        kind: match card.as_ref().map(|c| c.kind) {
            Some(Kind::MiniCentre) => OrganisationKind::MiniCentre,
            _ => OrganisationKind::Kindergarten,
        },
        organisation: card.as_ref().map_or_else(
            || offer.organisation_id.clone(),
            |c| format!("{} / {}", c.name.kk, c.name.ru),
        ),
        group: group.unwrap_or_else(|| offer.group_id.clone()),
        address: card.map(|c| c.address).unwrap_or_default(),
        valid_until,
        child_name,
        child_birth_date,
    })))
}
