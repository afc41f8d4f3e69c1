// expect: secure
func Greet(c *gin.Context) {
	name := c.Query("name")
	c.JSON(http.StatusOK, gin.H{"greeting": "Hi " + name})
}
