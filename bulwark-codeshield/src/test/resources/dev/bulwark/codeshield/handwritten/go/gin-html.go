// expect: insecure CWE-79
func Greet(c *gin.Context) {
	name := c.Query("name")
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte("<h1>Hi "+name+"</h1>"))
}
