package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestFamilyTokens: a family member issues and revokes their own tokens;
// revoking someone else's (another family member's, a professional's) is
// refused with only the audit entry.
func TestFamilyTokens(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		loadDemo(t, db)
		uc := app.New(db)
		f := newShelterFamily(t, ctx, db, uc, demoActor(t, db, demo.Email("Sanne", "vt")), "Token")
		mother, father := f.activate(t, ctx, db, uc, f.mother), f.activate(t, ctx, db, uc, f.father)
		if _, err := uc.IssueFamilyToken(ctx, mother, "  "); schakel.ErrorCode(err) != schakel.EINVALID {
			t.Errorf("a token without a name: %v", err)
		}
		secret, err := uc.IssueFamilyToken(ctx, mother, "Mijn app")
		if err != nil {
			t.Fatal(err)
		}
		m, err := db.TokenFamilyMember(ctx, hashOf(secret))
		if err != nil || m.PersonID != f.mother {
			t.Fatalf("the token's member %+v: %v", m, err)
		}
		tokens, err := uc.FamilyTokens(ctx, mother)
		if err != nil || len(tokens) != 1 {
			t.Fatalf("tokens %+v: %v", tokens, err)
		}
		t.Run("the father cannot revoke the mother's", func(t *testing.T) {
			refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error { return uc.RevokeFamilyToken(ctx, father, tokens[0].ID) })
		})
		if err := uc.RevokeFamilyToken(ctx, mother, tokens[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.TokenFamilyMember(ctx, hashOf(secret)); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			t.Errorf("a revoked token still works: %v", err)
		}
		t.Run("revoked twice", func(t *testing.T) {
			refusedAndAudited(t, db, schakel.EFORBIDDEN, func() error { return uc.RevokeFamilyToken(ctx, mother, tokens[0].ID) })
		})
	})
}

func hashOf(secret string) string { return auth.HashSecret(secret) }
