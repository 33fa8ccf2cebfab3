package storage

import (
	"encoding/json"
	"fmt"
)

// decodeStored reads a JSON column into v. An empty column leaves v as it
// is (rows written before the column held JSON); a column that does not
// parse is an error that surfaces, never a silently empty value.
func decodeStored(what string, id int64, raw string, v any) error {
	if raw == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return fmt.Errorf("stored %s %d does not parse: %w", what, id, err)
	}
	return nil
}
