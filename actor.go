package schakel

import "context"

// Actor is the principal on whose account a request runs (see Kind: a
// professional, a family member or the system), with the request facts the
// audit trail records (NEN 7513: workstation, client address, on whose
// behalf, emergency access). At most one of Professional, FamilyMember and
// System is set.
type Actor struct {
	Professional    *Professional
	FamilyMember    *FamilyMember
	System          string // the command or job when Schakel itself acts
	ClientAddr      string
	Workstation     string // the client's user agent or tool name
	OnBehalfOf      string // e.g. "API-token 'koppeling'": the channel the actor acts through
	EmergencyReason string // set when the actor explicitly claims emergency access
}

type actorKey struct{}

// NewContextWithActor returns ctx carrying the actor.
func NewContextWithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor in ctx, or nil.
func ActorFromContext(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}
