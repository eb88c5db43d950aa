//! Kindergartens, mini-centres and groups by name in the operator's language (Kazakh names for
//! Kazakh, Russian names otherwise), the id standing in only when the reference data does not
//! know it.

use tereze_core::reference::Language;
use tereze_core::store::QueueNames;

use crate::app::Context;
use crate::i18n::Lang;

/// The reference data's language for the operator's: the names exist in Kazakh and Russian.
fn language(ctx: &Context) -> Language {
    match ctx.translator.lang() {
        Lang::Kk => Language::Kk,
        Lang::Ru | Lang::En => Language::Ru,
    }
}

/// The organisation's name, or its id when unknown.
pub fn organisation(ctx: &Context, names: &QueueNames, id: &str) -> String {
    names
        .organisation(id, language(ctx))
        .map_or_else(|| id.to_owned(), str::to_owned)
}

/// The group's name with its age band and language, or its id when unknown.
pub fn group(ctx: &Context, names: &QueueNames, id: &str) -> String {
    let Some(group) = names.group(id) else {
        return id.to_owned();
    };
    ctx.translator.tr_args(
        "queue-counter-group",
        &[
            ("name", group.name.in_language(language(ctx)).to_owned()),
            ("from", group.age_min.to_string()),
            ("to", group.age_max.to_string()),
            ("language", group.language.clone()),
        ],
    )
}

/// The organisation and the group together.
pub fn place(ctx: &Context, names: &QueueNames, organisation_id: &str, group_id: &str) -> String {
    format!(
        "{} · {}",
        organisation(ctx, names, organisation_id),
        group(ctx, names, group_id)
    )
}
