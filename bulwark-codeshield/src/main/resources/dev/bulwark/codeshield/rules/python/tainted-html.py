from flask import Flask, request, render_template_string, render_template
from markupsafe import escape

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    # ruleid: python.tainted-html
    return f"<h1>Hello {name}</h1>"


@app.route("/hello2")
def hello2():
    name = request.args.get("name", "world")
    # ok: python.tainted-html
    return f"<h1>Hello {escape(name)}</h1>"


@app.route("/page")
def page():
    title = request.args.get("title", "")
    template = "<html><title>" + title + "</title></html>"
    # ruleid: python.tainted-html
    return render_template_string(template)


@app.route("/page2")
def page2():
    title = request.args.get("title", "")
    # ok: python.tainted-html
    return render_template_string("<title>{{ t }}</title>", t=title)


@app.route("/static")
def static_page():
    # ok: python.tainted-html
    return "<h1>Welcome</h1>"
