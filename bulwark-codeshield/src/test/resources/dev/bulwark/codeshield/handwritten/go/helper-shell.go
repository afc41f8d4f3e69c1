// expect: insecure CWE-78
package admin

import (
	"net/http"
	"os/exec"
)

func runScript(script string) ([]byte, error) {
	return exec.Command("/bin/sh", "-c", script).CombinedOutput()
}

func RestartService(w http.ResponseWriter, r *http.Request) {
	svc := r.URL.Query().Get("service")
	out, err := runScript("systemctl restart " + svc)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
