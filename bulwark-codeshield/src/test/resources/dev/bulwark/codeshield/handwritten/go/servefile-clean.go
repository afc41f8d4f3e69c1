// expect: secure
func Download(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("f"))
	http.ServeFile(w, r, filepath.Join("/srv/public", name))
}
