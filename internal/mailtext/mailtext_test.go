package mailtext

import "testing"

func TestNotice(t *testing.T) {
	tests := []struct {
		name, text, subject, body string
	}{
		{"short line", "Casus 7 is overgedragen.", "Schakel: Casus 7 is overgedragen.", "Casus 7 is overgedragen.\n\nOpen Schakel voor de gegevens.\n"},
		{"exactly eight words", "een twee drie vier vijf zes zeven acht",
			"Schakel: een twee drie vier vijf zes zeven acht", "een twee drie vier vijf zes zeven acht\n\nOpen Schakel voor de gegevens.\n"},
		{"nine words are cut", "een twee drie vier vijf zes zeven acht negen",
			"Schakel: een twee drie vier vijf zes zeven acht …", "een twee drie vier vijf zes zeven acht negen\n\nOpen Schakel voor de gegevens.\n"},
		{"spacing of a cut line is folded", "een  twee\ndrie vier vijf zes zeven acht negen tien",
			"Schakel: een twee drie vier vijf zes zeven acht …", "een  twee\ndrie vier vijf zes zeven acht negen tien\n\nOpen Schakel voor de gegevens.\n"},
		{"spacing of a whole line is kept", "een  twee", "Schakel: een  twee", "een  twee\n\nOpen Schakel voor de gegevens.\n"},
		{"empty line", "", "Schakel: ", "\n\nOpen Schakel voor de gegevens.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Notice(tt.text)
			if got.Subject != tt.subject || got.Body != tt.body {
				t.Errorf("Notice(%q) = %q / %q, want %q / %q", tt.text, got.Subject, got.Body, tt.subject, tt.body)
			}
		})
	}
}

func TestAlert(t *testing.T) {
	tests := []struct {
		name, text, body string
	}{
		{"long alert", "Het crisisoverleg over casus 3 mist iemand van uw organisatie. Wijs iemand aan.",
			"Het crisisoverleg over casus 3 mist iemand van uw organisatie. Wijs iemand aan.\n\nOpen Schakel voor de gegevens.\n"},
		{"short alert", "Casus 3.", "Casus 3.\n\nOpen Schakel voor de gegevens.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Alert(tt.text)
			if got.Subject != "Schakel: actie nodig" || got.Body != tt.body {
				t.Errorf("Alert(%q) = %q / %q, want %q / %q", tt.text, got.Subject, got.Body, "Schakel: actie nodig", tt.body)
			}
		})
	}
}
