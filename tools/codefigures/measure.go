package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// longFunc is the line count over which a function counts as long.
const longFunc = 80

type file struct {
	path  string
	lines int
}

type function struct {
	name, path string
	lines      int
}

// ruleCalls is one storage file and the access functions it calls.
type ruleCalls struct {
	path  string
	funcs string
}

type figures struct {
	files          []file
	longFuncs      []function
	storageImports []string
	storageCalls   []ruleCalls
	// otherRuleCalls are storage files calling functions of the other rule
	// packages (chain, plan, …): decisions that may still sit in storage.
	otherRuleCalls []ruleCalls
	// webDB are the web files whose handlers use s.db instead of a use case.
	webDB []dbUse
	// dropped are the errors discarded with _.
	dropped []dropped
	// parsed are the files, for the dropped errors' second pass.
	parsed []parsed
}

// otherRulePackages are the pure rule packages besides access.
var otherRulePackages = []string{"attendees", "care", "caseload", "chain", "crisismeter", "familycopy", "familyview",
	"intake", "matching", "plan", "prevention", "sso"}

// measure walks every non-test Go file under root (hidden directories,
// vendor and node_modules left out).
func measure(root string) (figures, error) {
	var f figures
	rules, err := accessRules(filepath.Join(root, "internal", "access"))
	if err != nil {
		return f, err
	}
	other := map[string]map[string]bool{}
	for _, pkg := range otherRulePackages {
		if other[pkg], err = accessRules(filepath.Join(root, "internal", pkg)); err != nil {
			return f, err
		}
	}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		return f.add(fset, path, filepath.ToSlash(rel), rules, other)
	})
	sort.Slice(f.longFuncs, func(i, j int) bool { return f.longFuncs[i].lines > f.longFuncs[j].lines })
	idx := indexDecls(root, f.parsed)
	for _, p := range f.parsed {
		f.dropped = append(f.dropped, droppedErrors(fset, p, idx)...)
	}
	return f, err
}

// add measures one file.
func (f *figures) add(fset *token.FileSet, path, rel string, rules map[string]bool, other map[string]map[string]bool) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f.files = append(f.files, file{path: rel, lines: bytes.Count(src, []byte("\n"))})
	syntax, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	for _, decl := range syntax.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
		if n > longFunc {
			f.longFuncs = append(f.longFuncs, function{name: funcName(fn), path: rel, lines: n})
		}
	}
	f.parsed = append(f.parsed, parsed{rel: rel, syntax: syntax})
	f.layerFile(syntax, rel)
	if filepath.ToSlash(filepath.Dir(rel)) == "internal/storage" {
		f.storageFile(syntax, rel, rules)
		if called := calls(syntax, other); called != "" {
			f.otherRuleCalls = append(f.otherRuleCalls, ruleCalls{path: rel, funcs: called})
		}
	}
	return nil
}

// storageFile notes whether a storage file imports internal/access and
// which of its functions (the rules, as opposed to its types) it calls.
func (f *figures) storageFile(syntax *ast.File, rel string, rules map[string]bool) {
	local := ""
	for _, imp := range syntax.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if strings.HasSuffix(p, "/internal/access") {
			local = "access"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		}
	}
	if local == "" {
		return
	}
	f.storageImports = append(f.storageImports, rel)
	called := map[string]bool{}
	ast.Inspect(syntax, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == local && rules[sel.Sel.Name] {
				called[sel.Sel.Name] = true
			}
		}
		return true
	})
	if len(called) > 0 {
		names := make([]string, 0, len(called))
		for n := range called {
			names = append(names, "access."+n)
		}
		sort.Strings(names)
		f.storageCalls = append(f.storageCalls, ruleCalls{path: rel, funcs: strings.Join(names, ", ")})
	}
}

// calls lists the functions of the given packages (by import path's last
// element) that a file calls.
func calls(syntax *ast.File, pkgs map[string]map[string]bool) string {
	local := map[string]string{} // local name → package
	for _, imp := range syntax.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if !strings.Contains(p, "/internal/") {
			continue
		}
		pkg := p[strings.LastIndex(p, "/")+1:]
		if _, ok := pkgs[pkg]; !ok {
			continue
		}
		name := pkg
		if imp.Name != nil {
			name = imp.Name.Name
		}
		local[name] = pkg
	}
	called := map[string]bool{}
	ast.Inspect(syntax, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && pkgs[local[x.Name]][sel.Sel.Name] {
				called[local[x.Name]+"."+sel.Sel.Name] = true
			}
		}
		return true
	})
	names := make([]string, 0, len(called))
	for n := range called {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// accessRules returns the names of the access package's top-level
// functions: calling one of them is deciding, while using its types (a
// conversion such as access.Participation(s) included) is only scanning.
func accessRules(dir string) (map[string]bool, error) {
	rules := map[string]bool{}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return rules, nil
	}
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, decl := range file.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil {
				rules[fn.Name.Name] = true
			}
		}
	}
	return rules, nil
}

// funcName is a function's name, with its receiver's type for a method.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

func (f figures) meanLines() float64 {
	if len(f.files) == 0 {
		return 0
	}
	total := 0
	for _, x := range f.files {
		total += x.lines
	}
	return float64(total) / float64(len(f.files))
}

// largest returns the n longest files, longest first.
func (f figures) largest(n int) []file {
	s := append([]file(nil), f.files...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].lines > s[j].lines })
	return s[:min(n, len(s))]
}

// filesOver returns the files longer than n lines, longest first.
func (f figures) filesOver(n int) []file {
	var out []file
	for _, x := range f.largest(len(f.files)) {
		if x.lines > n {
			out = append(out, x)
		}
	}
	return out
}
