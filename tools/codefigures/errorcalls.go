package main

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The errors dropped with _ are found from syntax alone, without type
// checking (which would compile every dependency): a call is resolved to
// the repository's own declarations where it can be, and to a list of the
// standard library's common error-returning names where it cannot.
//
// Exact: a function of a repository package (care.Day, a function of the
// same package), by its declaration's last result. By name: a function of
// another module (json.Marshal) by stdErrorCalls, and a method (w.Write),
// whose receiver's type syntax does not give, by stdErrorCalls or by any
// repository method of that name returning an error. What remains wrong:
// a method of another module whose name is in the list but that returns
// no error, one returning an error whose name is not in the list, a call
// of a function value (a variable or field holding a func), and a
// repository method whose name another repository method shares.

// stdErrorCalls are names of the standard library's functions and methods
// whose last result is an error.
var stdErrorCalls = map[string]bool{
	"Unmarshal": true, "Marshal": true, "MarshalIndent": true, "Encode": true, "Decode": true,
	"ParseInt": true, "ParseUint": true, "ParseFloat": true, "ParseBool": true, "Atoi": true,
	"RowsAffected": true, "LastInsertId": true, "Write": true, "WriteTo": true, "WriteString": true,
	"Read": true, "Close": true, "EscapeText": true, "ParseMediaType": true, "Exec": true,
}

// parsed is a non-test file, kept for the second pass.
type parsed struct {
	rel    string
	syntax *ast.File
}

// dropped is one place that drops an error.
type dropped struct {
	path string
	line int
	call string
}

// declIndex tells whether the repository's functions and methods return an
// error last.
type declIndex struct {
	module  string
	funcs   map[string]map[string]bool // package directory → function → returns an error
	methods map[string]bool            // method name → some method of that name returns an error
}

// indexDecls reads the declarations of every parsed file.
func indexDecls(root string, files []parsed) declIndex {
	idx := declIndex{module: modulePath(root), funcs: map[string]map[string]bool{}, methods: map[string]bool{}}
	for _, p := range files {
		dir := filepath.ToSlash(filepath.Dir(p.rel))
		if idx.funcs[dir] == nil {
			idx.funcs[dir] = map[string]bool{}
		}
		for _, decl := range p.syntax.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			if fn.Recv != nil {
				idx.methods[fn.Name.Name] = idx.methods[fn.Name.Name] || lastIsError(fn.Type)
				continue
			}
			idx.funcs[dir][fn.Name.Name] = lastIsError(fn.Type)
		}
	}
	return idx
}

// modulePath is the module line of root's go.mod ("" without one).
func modulePath(root string) string {
	src, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(src), "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(m), `"`)
		}
	}
	return ""
}

func lastIsError(ft *ast.FuncType) bool {
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return false
	}
	id, ok := ft.Results.List[len(ft.Results.List)-1].Type.(*ast.Ident)
	return ok && id.Name == "error"
}

// returnsError reports whether a call in the file at dir (with imports by
// local name) returns an error last, and the callee's name.
func (idx declIndex) returnsError(call *ast.CallExpr, dir string, imports map[string]string) (string, bool) {
	switch fun := call.Fun.(type) {
	case *ast.Ident: // a function of the same package, or a builtin
		return fun.Name, idx.funcs[dir][fun.Name]
	case *ast.SelectorExpr:
		name := fun.Sel.Name
		if x, ok := fun.X.(*ast.Ident); ok {
			if path, ok := imports[x.Name]; ok {
				if d, ok := strings.CutPrefix(path, idx.module+"/"); ok && idx.module != "" {
					return name, idx.funcs[d][name]
				}
				return name, stdErrorCalls[name]
			}
		}
		return name, stdErrorCalls[name] || idx.methods[name]
	}
	return "", false
}

// droppedErrors lists the assignments in a file that drop the error of a
// call with _ (x, _ := f(); _ = f(); _, _ = w.Write(b)).
func droppedErrors(fset *token.FileSet, p parsed, idx declIndex) []dropped {
	imports := map[string]string{}
	for _, imp := range p.syntax.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		imports[name] = path
	}
	dir := filepath.ToSlash(filepath.Dir(p.rel))
	var out []dropped
	ast.Inspect(p.syntax, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
			return true
		}
		if last, ok := as.Lhs[len(as.Lhs)-1].(*ast.Ident); !ok || last.Name != "_" {
			return true
		}
		if call, ok := as.Rhs[0].(*ast.CallExpr); ok {
			if name, isErr := idx.returnsError(call, dir, imports); isErr {
				out = append(out, dropped{path: p.rel, line: fset.Position(as.Pos()).Line, call: name})
			}
		}
		return true
	})
	return out
}
