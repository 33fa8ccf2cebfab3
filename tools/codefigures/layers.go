package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"io"
	"path/filepath"
	"sort"
)

// errorCalls are the functions and methods, by name, whose last result is
// an error: an assignment of such a call whose last left-hand side is the
// blank identifier drops that error. The list is by name because the tool
// reads syntax only; it holds the standard library's common cases and the
// repository's own parsers.
var errorCalls = map[string]bool{
	"Unmarshal": true, "Marshal": true, "MarshalIndent": true, "Encode": true, "Decode": true,
	"ParseInt": true, "ParseUint": true, "ParseFloat": true, "ParseBool": true, "Atoi": true,
	"RowsAffected": true, "LastInsertId": true, "Write": true, "WriteTo": true, "WriteString": true,
	"Read": true, "Close": true, "EscapeText": true, "ParseMediaType": true, "Exec": true,
	"Day": true, "Months": true,
}

// dbUse is a web file and how often it uses s.db.
type dbUse struct {
	path string
	uses int
}

// dropped is one place that drops an error.
type dropped struct {
	path string
	line int
	call string
}

// droppedErrors lists the assignments in a file that drop the error of a
// call in errorCalls with _ (x, _ := f(); _ = f(); _, _ = w.Write(b)).
func droppedErrors(fset *token.FileSet, syntax *ast.File, rel string) []dropped {
	var out []dropped
	ast.Inspect(syntax, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
			return true
		}
		if last, ok := as.Lhs[len(as.Lhs)-1].(*ast.Ident); !ok || last.Name != "_" {
			return true
		}
		call, ok := as.Rhs[0].(*ast.CallExpr)
		if !ok {
			return true
		}
		if name := calledName(call); errorCalls[name] {
			out = append(out, dropped{path: rel, line: fset.Position(as.Pos()).Line, call: name})
		}
		return true
	})
	return out
}

// calledName is the name of the function or method a call calls.
func calledName(call *ast.CallExpr) string {
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	}
	return ""
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

// layerFile adds a file's dropped errors and, for web files, its uses of
// s.db to the figures.
func (f *figures) layerFile(fset *token.FileSet, syntax *ast.File, rel string) {
	f.dropped = append(f.dropped, droppedErrors(fset, syntax, rel)...)
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
