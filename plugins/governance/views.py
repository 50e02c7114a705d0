from flask import Blueprint
bp = Blueprint("governance", __name__, template_folder="templates")
