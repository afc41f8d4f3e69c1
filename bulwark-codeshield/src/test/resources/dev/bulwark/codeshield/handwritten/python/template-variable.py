# expect: secure
from flask import Flask, request, render_template_string

app = Flask(__name__)

@app.route("/greet")
def greet():
    who = request.args.get("who", "friend")
    return render_template_string("<p>Hello {{ who }}!</p>", who=who)
