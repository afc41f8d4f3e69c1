# expect: insecure CWE-78
class ReportsController < ApplicationController
  def export
    system("pdftk #{params[:file]} output /tmp/out.pdf")
    send_file "/tmp/out.pdf"
  end
end
