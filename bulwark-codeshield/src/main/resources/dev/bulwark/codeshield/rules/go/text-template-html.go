package web

import (
	"net/http"
	"os"
	"text/template"
)

var page = template.Must(template.New("p").Parse("<h1>Hello {{.}}</h1>"))

func Hello(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.text-template-html
	page.Execute(w, r.URL.Query().Get("name"))
	// ok: go.text-template-html
	page.Execute(os.Stdout, "log line")
}
