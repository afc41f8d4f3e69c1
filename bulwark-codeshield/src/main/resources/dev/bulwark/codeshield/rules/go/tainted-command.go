package tools

import (
	"net/http"
	"os/exec"
)

var allowedTools = map[string]bool{"uptime": true, "df": true}

func Ping(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	// ruleid: go.tainted-command
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	// ok: go.tainted-command
	out, _ = exec.Command("ping", "-c", "1", host).Output()
	w.Write(out)
}

func Run(w http.ResponseWriter, r *http.Request) {
	tool := r.FormValue("tool")
	// ruleid: go.tainted-command
	exec.Command(tool).Run()
	if _, ok := allowedTools[tool]; !ok {
		return
	}
	// ok: go.tainted-command
	exec.Command(tool).Run()
}

func shell(script string) error {
	// ok: go.tainted-command
	return exec.Command("bash", "-c", script).Run()
}

func Archive(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	// ruleid: go.tainted-command
	shell("tar czf /backups/" + name + ".tgz /srv/data")
	// ok: go.tainted-command
	shell("tar czf /backups/nightly.tgz /srv/data")
}

func Restart(w http.ResponseWriter, r *http.Request) {
	svc := r.FormValue("service")
	if !allowedTools[svc] {
		http.Error(w, "unknown service", http.StatusBadRequest)
		return
	}
	// ok: go.tainted-command
	exec.Command("sh", "-c", "systemctl restart "+svc).Run()
}
