-- +goose Up
-- The placement-prevention network (issue 16, seed 004): members with
-- the expertise they bring, and the review a considered placement opens,
-- with its panel, the checklist of alternatives and the root causes.
CREATE TABLE network_members (
    professional_id INTEGER PRIMARY KEY REFERENCES professionals(id),
    expertises      TEXT NOT NULL,
    joined_at       TIMESTAMP NOT NULL
);

CREATE TABLE placement_reviews (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases(id),
    considered_at      TIMESTAMP NOT NULL,
    considered_by      INTEGER NOT NULL REFERENCES professionals(id),
    reason             TEXT NOT NULL,
    emergency          BOOLEAN NOT NULL DEFAULT FALSE,
    due_at             TIMESTAMP NOT NULL,
    missing_expertise  TEXT NOT NULL DEFAULT '',
    held_at            TIMESTAMP,
    recorded_by        INTEGER REFERENCES professionals(id),
    outcome            TEXT CHECK (outcome IN ('no_placement', 'network_placement', 'placement_with_contact', 'placement')),
    chosen_alternative TEXT NOT NULL DEFAULT '',
    outcome_note       TEXT NOT NULL DEFAULT '',
    next_review        TEXT NOT NULL DEFAULT ''
);
-- At most one open review per case: a second consideration joins it.
CREATE UNIQUE INDEX placement_reviews_open ON placement_reviews(case_id) WHERE held_at IS NULL;
CREATE INDEX placement_reviews_case ON placement_reviews(case_id, considered_at);

CREATE TABLE placement_review_panel (
    review_id       INTEGER NOT NULL REFERENCES placement_reviews(id),
    professional_id INTEGER NOT NULL REFERENCES professionals(id),
    proposed_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (review_id, professional_id)
);
CREATE INDEX placement_review_panel_member ON placement_review_panel(professional_id);

CREATE TABLE placement_review_alternatives (
    review_id  INTEGER NOT NULL REFERENCES placement_reviews(id),
    kind       TEXT NOT NULL,
    considered BOOLEAN NOT NULL,
    tried      BOOLEAN NOT NULL,
    why_not    TEXT NOT NULL,
    PRIMARY KEY (review_id, kind)
);

CREATE TABLE placement_review_causes (
    review_id INTEGER NOT NULL REFERENCES placement_reviews(id),
    cause     TEXT NOT NULL,
    PRIMARY KEY (review_id, cause)
);

-- The checks 3 and 6 months after a review (issue 16, item 6): did the
-- child stay home, did the alternative hold, how many new reports, was
-- the child placed after all.
CREATE TABLE placement_review_checks (
    review_id        INTEGER NOT NULL REFERENCES placement_reviews(id),
    months           INTEGER NOT NULL CHECK (months IN (3, 6)),
    checked_at       TIMESTAMP NOT NULL,
    checked_by       INTEGER NOT NULL REFERENCES professionals(id),
    stayed_home      BOOLEAN NOT NULL,
    alternative_held BOOLEAN NOT NULL,
    placed_after_all BOOLEAN NOT NULL,
    new_reports      INTEGER NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, months)
);

-- The network's case library (issue 16, item 7): reviews shared by a
-- member without names, places or dates finer than a month. review_id is
-- kept only so that a review is shared once; the library never shows it.
CREATE TABLE review_library (
    id                 INTEGER PRIMARY KEY,
    review_id          INTEGER NOT NULL UNIQUE REFERENCES placement_reviews(id),
    region_id          INTEGER NOT NULL REFERENCES regions(id),
    shared_by          INTEGER NOT NULL REFERENCES professionals(id),
    shared_at          TIMESTAMP NOT NULL,
    month              TEXT NOT NULL,
    outcome            TEXT NOT NULL,
    chosen_alternative TEXT NOT NULL,
    causes             TEXT NOT NULL,
    summary            TEXT NOT NULL,
    lessons            TEXT NOT NULL
);
CREATE INDEX review_library_region ON review_library(region_id, month);

-- +goose Down
DROP TABLE review_library;
DROP TABLE placement_review_checks;
DROP TABLE placement_review_causes;
DROP TABLE placement_review_alternatives;
DROP TABLE placement_review_panel;
DROP TABLE placement_reviews;
DROP TABLE network_members;
