package main

import (
	"fmt"
	"go/ast"
	"io"
	"path/filepath"
	"sort"
)

// dbUse is a web file and how often it uses s.db.
type dbUse struct {
	path string
	uses int
}

// dbCalls counts the uses of the server's database (s.db) in a web file:
// a handler that reads or writes through storage instead of a use case.
func dbCalls(syntax *ast.File) int {
	n := 0
	ast.Inspect(syntax, func(node ast.Node) bool {
		sel, ok := node.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "db" {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && x.Name == "s" {
			n++
		}
		return true
	})
	return n
}

// layerFile adds a web file's uses of s.db to the figures.
func (f *figures) layerFile(syntax *ast.File, rel string) {
	if filepath.ToSlash(filepath.Dir(rel)) != "internal/web" {
		return
	}
	if n := dbCalls(syntax); n > 0 {
		f.webDB = append(f.webDB, dbUse{path: rel, uses: n})
	}
}

// printLayers writes the figures of layerFile.
func (f figures) printLayers(w io.Writer) {
	sort.Slice(f.webDB, func(i, j int) bool { return f.webDB[i].path < f.webDB[j].path })
	uses := 0
	for _, c := range f.webDB {
		uses += c.uses
	}
	fmt.Fprintf(w, "web files calling s.db directly: %d (%d uses)\n", len(f.webDB), uses)
	for _, c := range f.webDB {
		fmt.Fprintf(w, "  %s: %d\n", c.path, c.uses)
	}
	fmt.Fprintf(w, "errors dropped with _: %d\n", len(f.dropped))
	for _, d := range f.dropped {
		fmt.Fprintf(w, "  %s:%d %s\n", d.path, d.line, d.call)
	}
}
