// expect: insecure CWE-79
package web

import (
	"net/http"
	"text/template"
)

var page = template.Must(template.New("p").Parse("<h1>Hello {{.}}</h1>"))

func Hello(w http.ResponseWriter, r *http.Request) {
	page.Execute(w, r.URL.Query().Get("name"))
}
