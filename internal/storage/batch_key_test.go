package storage

import "testing"

func TestArgsKeyTellsListsApart(t *testing.T) {
	lists := [][]any{
		nil,
		{int64(1)},
		{int64(12)},
		{int64(1), int64(2)},
		{"1"},
		{"a,b"},
		{"a", "b"},
		{`a",sb`},
		{int(1)},
		{true},
		{int64(1), "x"},
		{"x", int64(1)},
	}
	seen := map[string]int{}
	for i, l := range lists {
		k := argsKey(l)
		if j, ok := seen[k]; ok {
			t.Errorf("arguments %#v and %#v share the key %q", lists[j], l, k)
		}
		seen[k] = i
		if again := argsKey(l); again != k {
			t.Errorf("arguments %#v: key %q, then %q", l, k, again)
		}
	}
}
