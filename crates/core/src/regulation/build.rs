//! From a parsed file to a checked [`Regulation`]: every semantic mistake is reported with the
//! file, line and entry.

use std::collections::BTreeSet;

use toml::Spanned;

use super::error::RegulationError;
use super::locate::{entry_at, line_of};
use super::raw::{
    RawCondition, RawCrossCheck, RawCrossKind, RawField, RawFormat, RawNames, RawOverride,
    RawProfile, RawRegulation, RawRequirement, RawSlot,
};
use super::types::{
    AttachmentSlot, ChoiceOption, Condition, ConditionTest, CrossCheck, FieldFormat, FieldOverride,
    FieldSpec, Names, Outcome, Profile, Regulation, Requirement, StepDeadline, apply_overrides,
};

/// Parses and checks one file.
pub(super) fn parse(file: &str, text: &str) -> Result<Regulation, RegulationError> {
    let raw: RawRegulation = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        RegulationError::Syntax {
            file: file.to_owned(),
            line: line_of(text, offset),
            field: entry_at(text, offset),
            detail: e.message().trim().to_owned(),
        }
    })?;
    Builder { file, text }.build(raw)
}

struct Builder<'a> {
    file: &'a str,
    text: &'a str,
}

impl Builder<'_> {
    fn line<T>(&self, s: &Spanned<T>) -> usize {
        line_of(self.text, s.span().start)
    }

    fn names(&self, owner: &str, raw: &Spanned<RawNames>) -> Result<Names, RegulationError> {
        let line = self.line(raw);
        let pick = |lang: &str, v: &Option<String>| -> Result<String, RegulationError> {
            match v.as_deref().map(str::trim) {
                Some(s) if !s.is_empty() => Ok(s.to_owned()),
                _ => Err(RegulationError::MissingName {
                    file: self.file.to_owned(),
                    line,
                    field: owner.to_owned(),
                    lang: lang.to_owned(),
                }),
            }
        };
        let n = raw.get_ref();
        Ok(Names {
            kk: pick("kk", &n.kk)?,
            ru: pick("ru", &n.ru)?,
            en: pick("en", &n.en)?,
        })
    }

    fn build(&self, raw: RawRegulation) -> Result<Regulation, RegulationError> {
        let id = raw.id.get_ref().clone();
        let names = self.names(&id, &raw.names)?;
        let fields = self.fields(&raw.fields)?;
        let cross_checks = self.cross_checks(&raw.cross_checks, &fields)?;
        let attachments = self.slots(&raw.attachments, &fields)?;
        let mut outcome_ids = BTreeSet::new();
        let mut outcomes = Vec::new();
        for o in &raw.outcomes {
            let oid = o.id.get_ref().clone();
            if !outcome_ids.insert(oid.clone()) {
                return Err(self.duplicate_entry(&o.id));
            }
            outcomes.push(Outcome {
                names: self.names(&oid, &o.names)?,
                id: oid,
                kind: o.kind,
            });
        }
        let mut seen = BTreeSet::new();
        let mut deadlines = Vec::new();
        for d in &raw.deadlines {
            let channel = *d.channel.get_ref();
            if !seen.insert((channel, d.step)) {
                return Err(RegulationError::DuplicateEntry {
                    file: self.file.to_owned(),
                    line: self.line(&d.channel),
                    field: format!("{}/{}", channel.as_str(), step_name(d.step)),
                });
            }
            deadlines.push(StepDeadline {
                channel,
                step: d.step,
                term: d.term,
            });
        }
        let profiles = self.profiles(&raw.profiles, &fields)?;
        Ok(Regulation {
            id,
            names,
            provider: raw.provider,
            flow: raw.flow,
            fields,
            cross_checks,
            attachments,
            outcomes,
            deadlines,
            profiles,
            file: self.file.to_owned(),
        })
    }

    fn duplicate_entry(&self, id: &Spanned<String>) -> RegulationError {
        RegulationError::DuplicateEntry {
            file: self.file.to_owned(),
            line: self.line(id),
            field: id.get_ref().clone(),
        }
    }

    fn fields(&self, raw: &[RawField]) -> Result<Vec<FieldSpec>, RegulationError> {
        let mut ids = BTreeSet::new();
        let mut out = Vec::with_capacity(raw.len());
        for f in raw {
            let id = f.id.get_ref().clone();
            let line = self.line(&f.id);
            if !ids.insert(id.clone()) {
                return Err(RegulationError::DuplicateField {
                    file: self.file.to_owned(),
                    line,
                    field: id,
                });
            }
            let labels = self.names(&id, &f.labels)?;
            let format = self.format(&id, f)?;
            let spec = FieldSpec {
                id,
                labels,
                format,
                length: f.length,
                min_length: f.min_length,
                max_length: f.max_length,
                mandatory: f.mandatory,
            };
            self.check_lengths(&spec, line)?;
            out.push(spec);
        }
        Ok(out)
    }

    fn format(&self, id: &str, f: &RawField) -> Result<FieldFormat, RegulationError> {
        let kind = *f.format.get_ref();
        let misfit = |line: usize| RegulationError::FormatAttribute {
            file: self.file.to_owned(),
            line,
            field: id.to_owned(),
        };
        if let Some(a) = &f.allow_local
            && kind != RawFormat::Phone
        {
            return Err(misfit(self.line(a)));
        }
        match (&f.options, kind) {
            (Some(o), k) if k != RawFormat::Choice => return Err(misfit(self.line(o))),
            (None, RawFormat::Choice) => return Err(misfit(self.line(&f.format))),
            _ => {}
        }
        Ok(match kind {
            RawFormat::Iin => FieldFormat::Iin,
            RawFormat::Digits => FieldFormat::Digits,
            RawFormat::Text => FieldFormat::Text,
            RawFormat::Name => FieldFormat::Name,
            RawFormat::Phone => FieldFormat::Phone {
                allow_local: f.allow_local.as_ref().is_some_and(|a| *a.get_ref()),
            },
            RawFormat::PostalIndex => FieldFormat::PostalIndex,
            RawFormat::Date => FieldFormat::Date,
            RawFormat::Email => FieldFormat::Email,
            RawFormat::Sex => FieldFormat::Sex,
            RawFormat::Bool => FieldFormat::Bool,
            RawFormat::Choice => {
                let raw_options = f.options.as_ref().map(|o| o.get_ref().as_slice());
                let raw_options = raw_options.unwrap_or_default();
                if raw_options.is_empty() {
                    return Err(misfit(self.line(&f.format)));
                }
                let mut seen = BTreeSet::new();
                let mut options = Vec::with_capacity(raw_options.len());
                for o in raw_options {
                    let oid = o.id.get_ref().clone();
                    if !seen.insert(oid.clone()) {
                        return Err(self.duplicate_entry(&o.id));
                    }
                    options.push(ChoiceOption {
                        labels: self.names(&oid, &o.labels)?,
                        id: oid,
                    });
                }
                FieldFormat::Choice(options)
            }
        })
    }

    /// Length bounds must admit at least one length, must not contradict each other, and must fit
    /// formats whose length is fixed by nature (IIN 12, postal index 6).
    fn check_lengths(&self, spec: &FieldSpec, line: usize) -> Result<(), RegulationError> {
        let natural = match spec.format {
            FieldFormat::Iin => Some(12),
            FieldFormat::PostalIndex => Some(6),
            _ => None,
        };
        let min = spec.min_length.unwrap_or(0);
        let max = spec.max_length.unwrap_or(usize::MAX);
        let contradicts = max == 0
            || min > max
            || spec.length.is_some_and(|l| l == 0 || l < min || l > max)
            || natural.is_some_and(|n| spec.length.is_some_and(|l| l != n) || n < min || n > max);
        if contradicts {
            return Err(RegulationError::ContradictoryLength {
                file: self.file.to_owned(),
                line,
                field: spec.id.clone(),
            });
        }
        Ok(())
    }

    fn cross_checks(
        &self,
        raw: &[RawCrossCheck],
        fields: &[FieldSpec],
    ) -> Result<Vec<CrossCheck>, RegulationError> {
        let mut out = Vec::with_capacity(raw.len());
        for c in raw {
            match c.kind {
                RawCrossKind::IinPerson => {
                    let iin = self.field_ref(&c.iin, "iin-person", fields, &FieldFormat::Iin)?;
                    let birth =
                        self.field_ref(&c.birth_date, "iin-person", fields, &FieldFormat::Date)?;
                    let sex = match &c.sex {
                        Some(s) => {
                            Some(self.field_ref(s, "iin-person", fields, &FieldFormat::Sex)?)
                        }
                        None => None,
                    };
                    out.push(CrossCheck::IinPerson {
                        iin,
                        birth_date: birth,
                        sex,
                    });
                }
            }
        }
        Ok(out)
    }

    fn field_ref(
        &self,
        target: &Spanned<String>,
        owner: &str,
        fields: &[FieldSpec],
        format: &FieldFormat,
    ) -> Result<String, RegulationError> {
        let line = self.line(target);
        let id = target.get_ref();
        let spec = fields.iter().find(|f| &f.id == id).ok_or_else(|| {
            RegulationError::UnknownConditionField {
                file: self.file.to_owned(),
                line,
                field: owner.to_owned(),
                target: id.clone(),
            }
        })?;
        if std::mem::discriminant(&spec.format) != std::mem::discriminant(format) {
            return Err(RegulationError::CrossCheckFormat {
                file: self.file.to_owned(),
                line,
                field: id.clone(),
            });
        }
        Ok(id.clone())
    }

    fn slots(
        &self,
        raw: &[RawSlot],
        fields: &[FieldSpec],
    ) -> Result<Vec<AttachmentSlot>, RegulationError> {
        let mut ids = BTreeSet::new();
        let mut out = Vec::with_capacity(raw.len());
        for s in raw {
            let id = s.id.get_ref().clone();
            let line = self.line(&s.id);
            if !ids.insert(id.clone()) {
                return Err(RegulationError::DuplicateSlot {
                    file: self.file.to_owned(),
                    line,
                    field: id,
                });
            }
            let labels = self.names(&id, &s.labels)?;
            let bad = || RegulationError::BadCondition {
                file: self.file.to_owned(),
                line,
                field: id.clone(),
            };
            let required = match (s.required.get_ref(), &s.when) {
                (RawRequirement::Required, None) => Requirement::Required,
                (RawRequirement::Optional, None) => Requirement::Optional,
                (RawRequirement::Conditional, Some(when)) => {
                    Requirement::Conditional(self.condition(&id, when, fields).map_err(|e| {
                        if matches!(e, RegulationError::BadCondition { .. }) {
                            bad()
                        } else {
                            e
                        }
                    })?)
                }
                _ => return Err(bad()),
            };
            out.push(AttachmentSlot {
                id,
                labels,
                required,
            });
        }
        Ok(out)
    }

    fn condition(
        &self,
        slot: &str,
        when: &Spanned<RawCondition>,
        fields: &[FieldSpec],
    ) -> Result<Condition, RegulationError> {
        let c = when.get_ref();
        let line = self.line(&c.field);
        let target = c.field.get_ref();
        let spec = fields.iter().find(|f| &f.id == target).ok_or_else(|| {
            RegulationError::UnknownConditionField {
                file: self.file.to_owned(),
                line,
                field: slot.to_owned(),
                target: target.clone(),
            }
        })?;
        let test = match (&c.equals, &c.not_equals, &c.one_of) {
            (Some(v), None, None) => ConditionTest::Equals(v.clone()),
            (None, Some(v), None) => ConditionTest::NotEquals(v.clone()),
            (None, None, Some(vs)) if !vs.is_empty() => ConditionTest::OneOf(vs.clone()),
            _ => {
                return Err(RegulationError::BadCondition {
                    file: self.file.to_owned(),
                    line,
                    field: slot.to_owned(),
                });
            }
        };
        let values: Vec<&String> = match &test {
            ConditionTest::Equals(v) | ConditionTest::NotEquals(v) => vec![v],
            ConditionTest::OneOf(vs) => vs.iter().collect(),
        };
        if let Some(v) = values
            .into_iter()
            .find(|v| !spec.format.admits_condition_value(v))
        {
            return Err(RegulationError::UnknownConditionOption {
                file: self.file.to_owned(),
                line,
                field: slot.to_owned(),
                target: target.clone(),
                option: v.clone(),
            });
        }
        Ok(Condition {
            field: target.clone(),
            test,
        })
    }

    fn profiles(
        &self,
        raw: &[RawProfile],
        fields: &[FieldSpec],
    ) -> Result<Vec<Profile>, RegulationError> {
        let mut ids = BTreeSet::new();
        let mut out = Vec::with_capacity(raw.len());
        for p in raw {
            let id = p.id.get_ref().clone();
            if !ids.insert(id.clone()) {
                return Err(self.duplicate_entry(&p.id));
            }
            let labels = self.names(&id, &p.labels)?;
            let overrides = p
                .overrides
                .iter()
                .map(|o| self.override_of(&id, o, fields))
                .collect::<Result<Vec<_>, _>>()?;
            // Check the profile's effective bounds, reporting the override's line.
            for (spec, o) in apply_overrides(fields, &overrides).iter().filter_map(|s| {
                p.overrides
                    .iter()
                    .find(|o| o.field.get_ref() == &s.id)
                    .map(|o| (s, o))
            }) {
                self.check_lengths(spec, self.line(&o.field))?;
            }
            out.push(Profile {
                id,
                labels,
                overrides,
            });
        }
        if !ids.contains(Profile::DEFAULT) {
            return Err(RegulationError::MissingDefaultProfile {
                file: self.file.to_owned(),
            });
        }
        Ok(out)
    }

    fn override_of(
        &self,
        profile: &str,
        o: &RawOverride,
        fields: &[FieldSpec],
    ) -> Result<FieldOverride, RegulationError> {
        let line = self.line(&o.field);
        let target = o.field.get_ref();
        let spec = fields.iter().find(|f| &f.id == target).ok_or_else(|| {
            RegulationError::UnknownProfileField {
                file: self.file.to_owned(),
                line,
                profile: profile.to_owned(),
                field: target.clone(),
            }
        })?;
        if o.allow_local.is_some() && !matches!(spec.format, FieldFormat::Phone { .. }) {
            return Err(RegulationError::FormatAttribute {
                file: self.file.to_owned(),
                line,
                field: target.clone(),
            });
        }
        Ok(FieldOverride {
            field: target.clone(),
            mandatory: o.mandatory,
            length: o.length,
            min_length: o.min_length,
            max_length: o.max_length,
            allow_local: o.allow_local,
        })
    }
}

fn step_name(step: crate::deadline::Step) -> &'static str {
    use crate::deadline::Step;
    match step {
        Step::Intake => "intake",
        Step::Accept => "accept",
        Step::Decide => "decide",
        Step::Issue => "issue",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_override_that_breaks_the_bounds_is_refused_at_its_line() {
        let text = r#"id = "x"
names = { kk = "a", ru = "b", en = "c" }
provider = "archive"
flow = "standard"

[[fields]]
id = "code"
labels = { kk = "a", ru = "b", en = "c" }
format = "digits"
max-length = 5
mandatory = true

[[profiles]]
id = "default"
labels = { kk = "a", ru = "b", en = "c" }

[[profiles]]
id = "odd"
labels = { kk = "a", ru = "b", en = "c" }
[[profiles.overrides]]
field = "code"
min-length = 9
"#;
        let err = parse("x.toml", text).unwrap_err();
        assert_eq!(
            err,
            RegulationError::ContradictoryLength {
                file: "x.toml".into(),
                line: 21,
                field: "code".into()
            }
        );
    }
}
