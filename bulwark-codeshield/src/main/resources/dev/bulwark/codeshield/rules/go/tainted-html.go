package web

import (
	"fmt"
	"html"
	"net"
	"net/http"
)

func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	// ruleid: go.tainted-html
	fmt.Fprintf(w, "<h1>Hello %s</h1>", name)
	// ok: go.tainted-html
	fmt.Fprintf(w, "<h1>Hello %s</h1>", html.EscapeString(name))
	// ok: go.tainted-html
	fmt.Fprintln(w, "<p>static</p>")
	msg := "<div>" + r.FormValue("msg") + "</div>"
	// ruleid: go.tainted-html
	w.Write([]byte(msg))
}

func Peer(w http.ResponseWriter, r *http.Request) {
	addr := r.URL.Query().Get("addr")
	// ruleid: go.tainted-html
	fmt.Fprintf(w, "<p>%s</p>", addr)
	if net.ParseIP(addr) == nil {
		http.Error(w, "not an IP address", http.StatusBadRequest)
		return
	}
	// ok: go.tainted-html
	fmt.Fprintf(w, "<p>%s</p>", addr)
}
