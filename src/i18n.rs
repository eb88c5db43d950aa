//! Translations. Every user-facing string comes from the Fluent files under `i18n/<lang>/`,
//! embedded at build time; core values reach the screen as [`Localized`] and are rendered here.

use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use tereze_core::i18n::Localized;
use unic_langid::LanguageIdentifier;

/// Every embedded Fluent file as (language code, file name, contents).
pub static FILES: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/i18n_files.rs"));

/// The languages the workstation speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh, the state language: the default.
    #[default]
    Kk,
    /// Russian.
    Ru,
    /// English, for maintainers and visitors.
    En,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The language code used for the Fluent folder.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as the language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }

    /// Picks the language from a POSIX locale such as `ru_RU.UTF-8`; Kazakh when unknown.
    pub fn from_locale(locale: &str) -> Self {
        let lower = locale.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|l| lower.starts_with(l.code()))
            .unwrap_or_default()
    }
}

/// Renders keys and [`Localized`] values in the current language, falling back to English and
/// finally to the key itself, so a missing translation never hides the screen.
pub struct Translator {
    lang: Lang,
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Translator {
    /// Loads every embedded file for every language.
    pub fn new(lang: Lang) -> Self {
        let bundles = Lang::ALL.into_iter().map(|l| (l, bundle_for(l))).collect();
        Self { lang, bundles }
    }

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Switches the language at run time.
    pub fn set_lang(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// A message without arguments.
    pub fn tr(&self, key: &str) -> String {
        self.render(key, None)
    }

    /// A message with named arguments.
    pub fn tr_args(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            fargs.set(*name, to_fluent(value));
        }
        self.render(key, Some(&fargs))
    }

    /// A value from the core.
    pub fn text(&self, message: &Localized) -> String {
        let args: Vec<(&str, String)> = message.args.iter().map(|(n, v)| (*n, v.clone())).collect();
        self.tr_args(message.key, &args)
    }

    fn render(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for lang in [self.lang, Lang::En] {
            let Some(bundle) = self.bundles.get(&lang) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned();
        }
        key.to_owned()
    }
}

fn to_fluent(value: &str) -> FluentValue<'static> {
    match value.parse::<i64>() {
        Ok(n) => FluentValue::from(n),
        Err(_) => FluentValue::from(value.to_owned()),
    }
}

fn bundle_for(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for (_, _, text) in FILES.iter().filter(|(code, _, _)| *code == lang.code()) {
        // A resource with syntax errors still yields its good messages; the translation test
        // fails the build on any such error, so nothing is silently lost in a release.
        let resource = FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_language_and_defaults_to_kazakh() {
        assert_eq!(Lang::from_locale("ru_RU.UTF-8"), Lang::Ru);
        assert_eq!(Lang::from_locale("kk_KZ.UTF-8"), Lang::Kk);
        assert_eq!(Lang::from_locale("en_GB"), Lang::En);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Kk);
    }

    #[test]
    fn missing_key_falls_back_to_the_key() {
        let t = Translator::new(Lang::Ru);
        assert_eq!(t.tr("no-such-key-anywhere"), "no-such-key-anywhere");
    }

    #[test]
    fn plural_arguments_select_the_russian_form() {
        let t = Translator::new(Lang::Ru);
        let one = t.tr_args("app-requests-count", &[("count", "1".into())]);
        let few = t.tr_args("app-requests-count", &[("count", "3".into())]);
        let many = t.tr_args("app-requests-count", &[("count", "5".into())]);
        assert!(one.contains("заявление"), "{one}");
        assert!(few.contains("заявления"), "{few}");
        assert!(many.contains("заявлений"), "{many}");
    }

    #[test]
    fn a_deadline_names_only_the_units_it_needs() {
        let left = |lang, days: i64, hours: i64, minutes: i64| {
            Translator::new(lang).text(
                &Localized::new("deadline-remaining")
                    .arg("step", "decide")
                    .arg("days", days)
                    .arg("hours", hours)
                    .arg("minutes", minutes),
            )
        };
        assert_eq!(
            left(Lang::Ru, 0, 0, 14),
            "Принятие решения: осталось 14 мин"
        );
        assert_eq!(left(Lang::Kk, 0, 2, 5), "Шешім қабылдау: 2 сағ 5 мин қалды");
        assert_eq!(left(Lang::En, 1, 0, 0), "Decision: 1 d 0 h 0 min left");
    }
}
