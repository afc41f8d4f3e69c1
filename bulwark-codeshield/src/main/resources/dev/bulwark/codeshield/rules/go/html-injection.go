package main

func render(comment string) {
	// ruleid: go.html-injection
	data := template.HTML(comment)
	// ok: go.html-injection
	fixed := template.HTML("<b>hello</b>")
}
