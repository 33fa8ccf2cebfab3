package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, root, rel, src string) {
	t.Helper()
	p := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMeasure(t *testing.T) {
	root := t.TempDir()
	write(t, root, "internal/access/access.go", "package access\n\ntype Participation string\n\nfunc Decide() bool { return true }\n")
	write(t, root, "internal/storage/rules.go", "package storage\n\nimport \"x/internal/access\"\n\nvar _ = access.Decide()\n")
	write(t, root, "internal/storage/types.go", "package storage\n\nimport \"x/internal/access\"\n\nvar _ = access.Participation(\"active\")\n")
	write(t, root, "internal/storage/none_test.go", "package storage\n\nimport \"x/internal/access\"\n\nvar _ = access.Decide()\n")
	write(t, root, "internal/chain/chain.go", "package chain\n\ntype Type string\n\nfunc Compute() int { return 1 }\n")
	write(t, root, "internal/storage/chain.go", "package storage\n\nimport \"x/internal/chain\"\n\nvar _, _ = chain.Compute(), chain.Type(\"a\")\n")
	write(t, root, "internal/web/list.go", "package web\n\nfunc (s *Server) list() { s.db.List(); s.db.Count(); s.app.List() }\n")
	write(t, root, "internal/web/json.go", "package web\n\nfunc decode(b []byte, v any) { _ = json.Unmarshal(b, v); n, _ := strconv.Atoi(\"1\"); s, _ := v.(string); _, _ = n, s }\n")
	write(t, root, "go.mod", "module x\n")
	write(t, root, "internal/care/day.go", "package care\n\nfunc Day(s string) (int, bool) { return 0, true }\n\nfunc Parse(s string) (int, error) { return 0, nil }\n")
	write(t, root, "internal/app/use.go", "package app\n\nimport \"x/internal/care\"\n\nfunc f() { d, _ := care.Day(\"\"); p, _ := care.Parse(\"\"); _, _ = d, p; n, _ := local() }\n\nfunc local() (int, error) { return 0, nil }\n")
	write(t, root, "long.go", "package x\n\nfunc long() {\n"+strings.Repeat("\t_ = 1\n", 80)+"}\n\nfunc short() {}\n")
	f, err := measure(root)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"files", len(f.files), 10},
		{"long functions", len(f.longFuncs), 1},
		{"long function", f.longFuncs[0].name, "long"},
		{"long function lines", f.longFuncs[0].lines, 82},
		{"storage files importing access", len(f.storageImports), 2},
		{"storage files calling rules", len(f.storageCalls), 1},
		{"the file calling a rule", f.storageCalls[0].path, "internal/storage/rules.go"},
		{"largest file", f.largest(1)[0].path, "long.go"},
		{"storage files calling other rules", len(f.otherRuleCalls), 1},
		{"the other rule called", f.otherRuleCalls[0].funcs, "chain.Compute"},
		{"web files calling s.db", len(f.webDB), 1},
		{"uses of s.db", f.webDB[0].uses, 2},
		// Not care.Day (its last result is a bool) nor the type assertion.
		{"dropped errors", len(f.dropped), 4},
		{"a repository function's error", f.dropped[0].call, "Parse"},
		{"the same package's function's error", f.dropped[1].call, "local"},
		{"first standard library error", f.dropped[2].call, "Unmarshal"},
		{"second standard library error", f.dropped[3].call, "Atoi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}
