package caseload_test

import (
	"testing"

	"schakel"
	"schakel/internal/caseload"
)

func TestAssignment(t *testing.T) {
	const org, other = 10, 11
	first := schakel.CaseHolder{OrganisationID: org, ProfessionalID: 1, Position: schakel.FirstHolder}
	second := schakel.CaseHolder{OrganisationID: org, ProfessionalID: 2, Position: schakel.SecondHolder}
	elsewhere := schakel.CaseHolder{OrganisationID: other, ProfessionalID: 7, Position: schakel.FirstHolder}
	for _, tc := range []struct {
		name     string
		current  []schakel.CaseHolder
		pos      schakel.HolderPosition
		prof     int64
		wantAct  caseload.Act
		wantCode string
	}{
		{"first on an empty case", nil, schakel.FirstHolder, 1, caseload.Assign, ""},
		{"another organisation's holder does not count", []schakel.CaseHolder{elsewhere}, schakel.FirstHolder, 1, caseload.Assign, ""},
		{"taking over the first position", []schakel.CaseHolder{first}, schakel.FirstHolder, 3, caseload.HandOver, ""},
		{"second next to the first", []schakel.CaseHolder{first}, schakel.SecondHolder, 3, caseload.Assign, ""},
		{"second without a first", []schakel.CaseHolder{elsewhere}, schakel.SecondHolder, 3, "", "no_first_holder"},
		{"same holder again", []schakel.CaseHolder{first}, schakel.FirstHolder, 1, "", "already_holder"},
		{"first becomes second too", []schakel.CaseHolder{first}, schakel.SecondHolder, 1, "", "overlap"},
		{"second becomes first too", []schakel.CaseHolder{first, second}, schakel.FirstHolder, 2, "", "overlap"},
		{"unknown position", nil, "third", 1, "", "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			act, fe := caseload.Assignment(tc.current, org, tc.pos, tc.prof)
			code := ""
			if fe != nil {
				code = fe.Code
				if fe.Message == "" || fe.Field == "" {
					t.Errorf("field error without field or message: %+v", fe)
				}
			}
			if act != tc.wantAct || code != tc.wantCode {
				t.Errorf("Assignment = %q, %q; want %q, %q", act, code, tc.wantAct, tc.wantCode)
			}
		})
	}
}
