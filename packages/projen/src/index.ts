export * from './action-pins';
export * from './runner-tools';
export * from './lambda-tests-workflow';
export * from './lambda-testing-docs';
export * from './sweeper-workflow';
export * from './repo-files';
export * from './access-report';
export * from './indexed-file-lookup';
