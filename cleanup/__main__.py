from cleanup.cli import main

raise SystemExit(main())
