<?php
// Site C (AI Power 1.8.79, "G2": streams over EventSource GET): the same settings, bots and pages as site A.
require __DIR__ . '/content-a.php';
