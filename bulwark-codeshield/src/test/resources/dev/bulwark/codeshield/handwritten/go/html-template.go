// expect: secure
package web

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("p").Parse("<h1>Hello {{.}}</h1>"))

func Hello(w http.ResponseWriter, r *http.Request) {
	page.Execute(w, r.URL.Query().Get("name"))
}
