-- Reference data: offices, preschool organisations and their groups.
-- Filled from assets/reference/*.csv by reference::import (upsert by id); rows are never
-- deleted by an import because requests and referrals keep pointing at them.

CREATE TABLE offices (
    id           TEXT PRIMARY KEY NOT NULL,
    kind         TEXT NOT NULL
                 CHECK (kind IN ('education-department', 'con', 'archive', 'employment-department')),
    region       TEXT NOT NULL,
    district     TEXT NOT NULL,
    name_ru      TEXT NOT NULL,
    name_kk      TEXT,
    postal_index TEXT,
    address      TEXT,
    phones       TEXT NOT NULL DEFAULT '',  -- canonical +7XXXXXXXXXX, several joined by ';'
    email        TEXT,
    source       TEXT NOT NULL,             -- regulation citation, e.g. 002:L278-282
    note         TEXT
) STRICT;

CREATE INDEX offices_by_place ON offices (region, district, kind);

CREATE TABLE organisations (
    id         TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('kindergarten', 'mini-centre')),
    region     TEXT NOT NULL,
    district   TEXT NOT NULL,
    office_id  TEXT REFERENCES offices (id),
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    address    TEXT NOT NULL,
    languages  TEXT NOT NULL,               -- 'kk', 'ru' or both joined by ';'
    demo       INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))
) STRICT;

CREATE INDEX organisations_by_office ON organisations (office_id);
CREATE INDEX organisations_by_place ON organisations (region, district);

CREATE TABLE groups (
    id              TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    name_kk         TEXT NOT NULL,
    name_ru         TEXT NOT NULL,
    age_min         INTEGER NOT NULL,       -- full years, inclusive
    age_max         INTEGER NOT NULL,       -- full years, exclusive
    language        TEXT NOT NULL CHECK (language IN ('kk', 'ru')),
    correctional    INTEGER NOT NULL DEFAULT 0 CHECK (correctional IN (0, 1)),
    capacity        INTEGER NOT NULL CHECK (capacity > 0),
    demo            INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    CHECK (0 <= age_min AND age_min < age_max AND age_max <= 7)
) STRICT;

CREATE INDEX groups_by_organisation ON groups (organisation_id);
