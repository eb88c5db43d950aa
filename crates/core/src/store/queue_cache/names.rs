//! The names of the kindergartens, mini-centres and groups the cached queue names by id, from
//! the reference data in the store: the server's set once a sync brought it, the built-in one
//! until then (without its demonstration rows outside the demo); a shipped set may fill in
//! what the store does not know.

use std::collections::HashMap;

use crate::reference::{Language, ReferenceData};
use crate::store::{Store, StoreError};

/// A name in both languages of the reference data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BilingualName {
    /// In Kazakh.
    pub kk: String,
    /// In Russian.
    pub ru: String,
}

impl BilingualName {
    /// The name in `language`.
    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::Kk => &self.kk,
            Language::Ru => &self.ru,
        }
    }
}

/// A group's name with what parents choose it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupName {
    /// The group's name.
    pub name: BilingualName,
    /// Age band in full years: from (inclusive).
    pub age_min: u8,
    /// Age band in full years: to (exclusive).
    pub age_max: u8,
    /// The group's language, `kk` or `ru`.
    pub language: String,
}

/// What a referral prints of the kindergarten or mini-centre it sends the child to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationCard {
    /// Kindergarten or mini-centre.
    pub kind: crate::reference::OrganisationKind,
    /// Its name.
    pub name: BilingualName,
    /// Its address.
    pub address: String,
}

/// Names of organisations and groups by id, so the queue screen shows names, not ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueNames {
    organisations: HashMap<String, BilingualName>,
    groups: HashMap<String, GroupName>,
}

impl QueueNames {
    /// The organisation's name in `language`, if the reference data knows it.
    pub fn organisation(&self, id: &str, language: Language) -> Option<&str> {
        self.organisations.get(id).map(|n| n.in_language(language))
    }

    /// The group, if the reference data knows it.
    pub fn group(&self, id: &str) -> Option<&GroupName> {
        self.groups.get(id)
    }

    /// Adds the names `data` has and these do not; the names already here stay.
    pub fn fill_from(&mut self, data: &ReferenceData) {
        for o in &data.organisations {
            self.organisations
                .entry(o.id.clone())
                .or_insert_with(|| BilingualName {
                    kk: o.name_kk.clone(),
                    ru: o.name_ru.clone(),
                });
        }
        for g in &data.groups {
            self.groups
                .entry(g.id.clone())
                .or_insert_with(|| GroupName {
                    name: BilingualName {
                        kk: g.name_kk.clone(),
                        ru: g.name_ru.clone(),
                    },
                    age_min: g.age_min,
                    age_max: g.age_max,
                    language: g.language.as_str().to_owned(),
                });
        }
    }
}

impl Store {
    /// The organisation `id` as the store's reference data has it (the server's set once a
    /// sync brought it), for the referral; `None` when the store does not know it.
    pub fn organisation_card(&self, id: &str) -> Result<Option<OrganisationCard>, StoreError> {
        use rusqlite::OptionalExtension;
        let row = self
            .conn
            .prepare_cached(
                "SELECT kind, name_kk, name_ru, address FROM organisations WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    BilingualName {
                        kk: r.get(1)?,
                        ru: r.get(2)?,
                    },
                    r.get::<_, String>(3)?,
                ))
            })
            .optional()?;
        Ok(row.map(|(kind, name, address)| OrganisationCard {
            kind: if kind == "mini-centre" {
                crate::reference::OrganisationKind::MiniCentre
            } else {
                crate::reference::OrganisationKind::Kindergarten
            },
            name,
            address,
        }))
    }

    /// The names of every preschool organisation and group in the store's reference data.
    pub fn queue_names(&self) -> Result<QueueNames, StoreError> {
        let organisations = self
            .conn
            .prepare_cached("SELECT id, name_kk, name_ru FROM organisations")?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    BilingualName {
                        kk: r.get(1)?,
                        ru: r.get(2)?,
                    },
                ))
            })?
            .collect::<Result<HashMap<_, _>, _>>()?;
        let groups = self
            .conn
            .prepare_cached("SELECT id, name_kk, name_ru, age_min, age_max, language FROM groups")?
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    GroupName {
                        name: BilingualName {
                            kk: r.get(1)?,
                            ru: r.get(2)?,
                        },
                        age_min: r.get(3)?,
                        age_max: r.get(4)?,
                        language: r.get(5)?,
                    },
                ))
            })?
            .collect::<Result<HashMap<_, _>, _>>()?;
        Ok(QueueNames {
            organisations,
            groups,
        })
    }
}
