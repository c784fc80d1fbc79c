/** The example runs on the module path: {@code requires org.torch4j} is all a consumer needs. */
module org.torch4j.examples {
    requires org.torch4j;
}
