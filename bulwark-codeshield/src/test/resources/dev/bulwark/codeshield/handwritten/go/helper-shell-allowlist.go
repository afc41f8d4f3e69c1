// expect: secure
package admin

import (
	"net/http"
	"os/exec"
)

var services = map[string]bool{"nginx": true, "postgresql": true}

func restart(name string) ([]byte, error) {
	return exec.Command("systemctl", "restart", name).CombinedOutput()
}

func RestartService(w http.ResponseWriter, r *http.Request) {
	svc := r.URL.Query().Get("service")
	if !services[svc] {
		http.Error(w, "unknown service", http.StatusBadRequest)
		return
	}
	out, err := restart(svc)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
