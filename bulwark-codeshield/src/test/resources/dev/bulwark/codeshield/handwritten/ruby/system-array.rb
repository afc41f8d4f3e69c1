# expect: secure
class ReportsController < ApplicationController
  def export
    system("pdftk", params[:file].to_s, "output", Rails.root.join("tmp", "out.pdf").to_s)
    send_file Rails.root.join("tmp", "out.pdf")
  end
end
