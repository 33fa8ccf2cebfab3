package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
)

// The reference for GET a case over HTTP is the same request served by a
// build in which App.Case reads the case without access check and audit
// entry: what the audit trail costs at the HTTP level, as
// BenchmarkAuditedRead gives it for the storage alone. Schakel's source has
// no such read, and must not: the load test's temporary binary alone is
// built with a changed copy of the one file, put in place by go build's
// -overlay (go help build), and the copy is derived from the file as it is,
// so that it follows every change to the rest of App.Case's file.

// caseFile is the file that holds App.Case, relative to the module root.
const caseFile = "internal/app/guard.go"

// unauditedCaseBody replaces App.Case's body in the overlay: the rows an
// audited read returns, read in a read-only transaction, nothing more.
const unauditedCaseBody = `{
	var c schakel.Case
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		c, err = tx.LoadCase(id)
		return err
	})
	return c, err
}`

// unauditedSource returns src with the body of (*App).Case replaced by
// unauditedCaseBody; it fails when the file holds no such method, so that a
// rename cannot silently measure the audited read twice.
func unauditedSource(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, caseFile, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "Case" || fn.Recv == nil || len(fn.Recv.List) != 1 || fn.Body == nil {
			continue
		}
		if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); !ok || !isIdent(star.X, "App") {
			continue
		}
		start, end := fset.Position(fn.Body.Lbrace).Offset, fset.Position(fn.Body.Rbrace).Offset+1
		var out bytes.Buffer
		out.Write(src[:start])
		out.WriteString(unauditedCaseBody)
		out.Write(src[end:])
		return out.Bytes(), nil
	}
	return nil, fmt.Errorf("%s: no method (*App).Case to replace", caseFile)
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// unauditedOverlay writes the changed copy of caseFile and the overlay
// that puts it in place into dir, and returns the overlay's path for
// go build's -overlay. root is the module's root directory.
func unauditedOverlay(root, dir string) (string, error) {
	real, err := filepath.Abs(filepath.Join(root, caseFile))
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(real)
	if err != nil {
		return "", err
	}
	changed, err := unauditedSource(src)
	if err != nil {
		return "", err
	}
	copyPath := filepath.Join(dir, "guard_unaudited.go")
	if err := os.WriteFile(copyPath, changed, 0o600); err != nil {
		return "", err
	}
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {real: copyPath}})
	if err != nil {
		return "", err
	}
	overlayPath := filepath.Join(dir, "overlay.json")
	return overlayPath, os.WriteFile(overlayPath, overlay, 0o600)
}
